from square_sum import square_Sum


def test_1():
    assert square_Sum(2) == 20

def test_2():
    assert square_Sum(3) == 56

def test_3():
    assert square_Sum(4) == 120
