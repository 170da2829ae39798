from is_nonagonal import is_nonagonal


def test_1():
    assert is_nonagonal(10) == 325

def test_2():
    assert is_nonagonal(15) == 750

def test_3():
    assert is_nonagonal(18) == 1089
