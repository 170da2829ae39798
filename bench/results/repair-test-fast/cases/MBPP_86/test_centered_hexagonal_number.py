from centered_hexagonal_number import centered_hexagonal_number


def test_1():
    assert centered_hexagonal_number(10) == 271

def test_2():
    assert centered_hexagonal_number(2) == 7

def test_3():
    assert centered_hexagonal_number(9) == 217
