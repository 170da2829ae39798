from sum_square import sum_Square


def test_1():
    assert sum_Square(25) == True

def test_2():
    assert sum_Square(24) == False

def test_3():
    assert sum_Square(17) == True
