from recur_gcd import recur_gcd


def test_1():
    assert recur_gcd(12,14) == 2

def test_2():
    assert recur_gcd(13,17) == 1

def test_3():
    assert recur_gcd(9, 3) == 3
