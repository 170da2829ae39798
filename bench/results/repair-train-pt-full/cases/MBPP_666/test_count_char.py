from count_char import count_char


def test_1():
    assert count_char("Python",'o')==1

def test_2():
    assert count_char("little",'t')==2

def test_3():
    assert count_char("assert",'s')==2
