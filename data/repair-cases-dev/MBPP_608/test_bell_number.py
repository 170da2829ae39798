from bell_number import bell_Number


def test_1():
    assert bell_Number(2) == 2

def test_2():
    assert bell_Number(3) == 5

def test_3():
    assert bell_Number(4) == 15
