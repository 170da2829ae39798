from power import power


def test_1():
    assert power(3,4) == 81

def test_2():
    assert power(2,3) == 8

def test_3():
    assert power(5,5) == 3125
