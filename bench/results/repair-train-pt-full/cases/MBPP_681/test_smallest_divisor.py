from smallest_divisor import smallest_Divisor


def test_1():
    assert smallest_Divisor(10) == 2

def test_2():
    assert smallest_Divisor(25) == 5

def test_3():
    assert smallest_Divisor(31) == 31
