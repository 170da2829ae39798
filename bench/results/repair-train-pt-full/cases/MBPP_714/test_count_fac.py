from count_fac import count_Fac


def test_1():
    assert count_Fac(24) == 3

def test_2():
    assert count_Fac(12) == 2

def test_3():
    assert count_Fac(4) == 1
