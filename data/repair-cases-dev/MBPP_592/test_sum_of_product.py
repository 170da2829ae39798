from sum_of_product import binomial_Coeff, sum_Of_product


def test_1():
    assert sum_Of_product(3) == 15

def test_2():
    assert sum_Of_product(4) == 56

def test_3():
    assert sum_Of_product(1) == 1
