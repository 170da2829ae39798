from count_char import count_Char


def test_1():
    assert count_Char("abcac",'a') == 4

def test_2():
    assert count_Char("abca",'c') == 2

def test_3():
    assert count_Char("aba",'a') == 7
