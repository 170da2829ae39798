from first_digit import first_Digit


def test_1():
    assert first_Digit(5) == 1

def test_2():
    assert first_Digit(10) == 3

def test_3():
    assert first_Digit(7) == 5
