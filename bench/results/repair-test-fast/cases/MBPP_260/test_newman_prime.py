from newman_prime import newman_prime


def test_1():
    assert newman_prime(3) == 7

def test_2():
    assert newman_prime(4) == 17

def test_3():
    assert newman_prime(5) == 41
