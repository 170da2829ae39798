from check import rev, check


def test_1():
    assert check(70) == False

def test_2():
    assert check(23) == False

def test_3():
    assert check(73) == True
