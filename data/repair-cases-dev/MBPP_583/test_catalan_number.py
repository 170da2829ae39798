from catalan_number import catalan_number


def test_1():
    assert catalan_number(10)==16796

def test_2():
    assert catalan_number(9)==4862

def test_3():
    assert catalan_number(7)==429
