from count_primes_nums import count_Primes_nums


def test_1():
    assert count_Primes_nums(5) == 2

def test_2():
    assert count_Primes_nums(10) == 4

def test_3():
    assert count_Primes_nums(100) == 25
