from divisor import divisor


def test_1():
    assert divisor(15) == 4

def test_2():
    assert divisor(12) == 6

def test_3():
    assert divisor(9) == 3
