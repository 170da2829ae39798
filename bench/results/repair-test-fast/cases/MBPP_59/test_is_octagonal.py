from is_octagonal import is_octagonal


def test_1():
    assert is_octagonal(5) == 65

def test_2():
    assert is_octagonal(10) == 280

def test_3():
    assert is_octagonal(15) == 645
