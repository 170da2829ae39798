from find_points import find_Points


def test_1():
    assert find_Points(5,10,1,5) == (1,10)

def test_2():
    assert find_Points(3,5,7,9) == (3,9)

def test_3():
    assert find_Points(1,5,2,8) == (1,8)
