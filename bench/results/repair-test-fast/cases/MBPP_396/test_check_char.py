from check_char import check_char


def test_1():
    assert check_char("abba") == "Valid"

def test_2():
    assert check_char("a") == "Valid"

def test_3():
    assert check_char("abcd") == "Invalid"
