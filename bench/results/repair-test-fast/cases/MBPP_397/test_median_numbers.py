from median_numbers import median_numbers


def test_1():
    assert median_numbers(25,55,65)==55.0

def test_2():
    assert median_numbers(20,10,30)==20.0

def test_3():
    assert median_numbers(15,45,75)==45.0
