from maximum import maximum


def test_1():
    assert maximum(5,10) == 10

def test_2():
    assert maximum(-1,-2) == -1

def test_3():
    assert maximum(9,7) == 9
