from text_match_zero_one import text_match_zero_one


def test_1():
    assert text_match_zero_one("ac")==('Found a match!')

def test_2():
    assert text_match_zero_one("dc")==('Not matched!')

def test_3():
    assert text_match_zero_one("abbbba")==('Found a match!')
