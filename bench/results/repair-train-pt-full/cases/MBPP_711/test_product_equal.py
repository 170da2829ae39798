from product_equal import product_Equal


def test_1():
    assert product_Equal(2841) == True

def test_2():
    assert product_Equal(1234) == False

def test_3():
    assert product_Equal(1212) == False
