from sequence import sequence


def test_1():
    assert sequence(10) == 6

def test_2():
    assert sequence(2) == 1

def test_3():
    assert sequence(3) == 2
