from dif_square import dif_Square


def test_1():
    assert dif_Square(5) == True

def test_2():
    assert dif_Square(10) == False

def test_3():
    assert dif_Square(15) == True
