from first_repeated_char import first_repeated_char


def test_1():
    assert first_repeated_char("abcabc") == "a"

def test_2():
    assert first_repeated_char("abc") == None

def test_3():
    assert first_repeated_char("123123") == "1"
