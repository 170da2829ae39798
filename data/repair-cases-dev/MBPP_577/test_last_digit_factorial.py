from last_digit_factorial import last_Digit_Factorial


def test_1():
    assert last_Digit_Factorial(4) == 4

def test_2():
    assert last_Digit_Factorial(21) == 0

def test_3():
    assert last_Digit_Factorial(30) == 0
