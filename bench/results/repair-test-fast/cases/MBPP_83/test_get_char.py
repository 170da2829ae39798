from get_char import get_Char


def test_1():
    assert get_Char("abc") == "f"

def test_2():
    assert get_Char("gfg") == "t"

def test_3():
    assert get_Char("ab") == "c"
