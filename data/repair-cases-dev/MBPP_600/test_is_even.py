from is_even import is_Even


def test_1():
    assert is_Even(1) == False

def test_2():
    assert is_Even(2) == True

def test_3():
    assert is_Even(3) == False
