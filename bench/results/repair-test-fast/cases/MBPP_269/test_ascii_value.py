from ascii_value import ascii_value


def test_1():
    assert ascii_value('A')==65

def test_2():
    assert ascii_value('R')==82

def test_3():
    assert ascii_value('S')==83
