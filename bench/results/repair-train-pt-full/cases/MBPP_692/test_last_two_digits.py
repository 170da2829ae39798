from last_two_digits import last_Two_Digits


def test_1():
    assert last_Two_Digits(7) == 40

def test_2():
    assert last_Two_Digits(5) == 20

def test_3():
    assert last_Two_Digits(2) == 2
