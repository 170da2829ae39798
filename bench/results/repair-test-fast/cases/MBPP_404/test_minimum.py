from minimum import minimum


def test_1():
    assert minimum(1,2) == 1

def test_2():
    assert minimum(-5,-4) == -5

def test_3():
    assert minimum(0,0) == 0
