from find_lucas import find_lucas


def test_1():
    assert find_lucas(9) == 76

def test_2():
    assert find_lucas(4) == 7

def test_3():
    assert find_lucas(3) == 4
