from sum_of_primes import sum_Of_Primes


def test_1():
    assert sum_Of_Primes(10) == 17

def test_2():
    assert sum_Of_Primes(20) == 77

def test_3():
    assert sum_Of_Primes(5) == 10
