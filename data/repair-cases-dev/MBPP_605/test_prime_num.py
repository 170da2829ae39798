from prime_num import prime_num


def test_1():
    assert prime_num(13)==True

def test_2():
    assert prime_num(7)==True

def test_3():
    assert prime_num(-1010)==False
