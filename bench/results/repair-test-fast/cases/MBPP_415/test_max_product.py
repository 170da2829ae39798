from max_product import max_Product


def test_1():
    assert max_Product([1,2,3,4,7,0,8,4]) == (7,8)

def test_2():
    assert max_Product([0,-1,-2,-4,5,0,-6]) == (-4,-6)

def test_3():
    assert max_Product([1,2,3]) == (2,3)
