from extract_freq import extract_freq


def test_1():
    assert extract_freq([(3, 4), (1, 2), (4, 3), (5, 6)] ) == 3

def test_2():
    assert extract_freq([(4, 15), (2, 3), (5, 4), (6, 7)] ) == 4

def test_3():
    assert extract_freq([(5, 16), (2, 3), (6, 5), (6, 9)] ) == 4
