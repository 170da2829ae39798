from text_match_two_three import text_match_two_three


def test_1():
    assert text_match_two_three("ac")==(False)

def test_2():
    assert text_match_two_three("dc")==(False)

def test_3():
    assert text_match_two_three("abbbba")==(True)
