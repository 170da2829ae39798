from even_binomial_coeff_sum import even_binomial_Coeff_Sum


def test_1():
    assert even_binomial_Coeff_Sum(4) == 8

def test_2():
    assert even_binomial_Coeff_Sum(6) == 32

def test_3():
    assert even_binomial_Coeff_Sum(2) == 2
