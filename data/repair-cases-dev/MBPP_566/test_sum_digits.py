from sum_digits import sum_digits


def test_1():
    assert sum_digits(345)==12

def test_2():
    assert sum_digits(12)==3

def test_3():
    assert sum_digits(97)==16
