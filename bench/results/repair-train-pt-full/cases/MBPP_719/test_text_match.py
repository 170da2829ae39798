from text_match import text_match


def test_1():
    assert text_match("ac")==('Found a match!')

def test_2():
    assert text_match("dc")==('Not matched!')

def test_3():
    assert text_match("abba")==('Found a match!')
