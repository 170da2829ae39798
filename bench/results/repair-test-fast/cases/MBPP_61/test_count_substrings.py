from count_substrings import count_Substrings


def test_1():
    assert count_Substrings('112112') == 6

def test_2():
    assert count_Substrings('111') == 6

def test_3():
    assert count_Substrings('1101112') == 12
