from difference import difference


def test_1():
    assert difference(3) == 30

def test_2():
    assert difference(5) == 210

def test_3():
    assert difference(2) == 6
