from remove_spaces import remove_spaces


def test_1():
    assert remove_spaces("a b c") == "abc"

def test_2():
    assert remove_spaces("1 2 3") == "123"

def test_3():
    assert remove_spaces(" b c") == "bc"
