from floor_min import floor_Min


def test_1():
    assert floor_Min(10,20,30) == 15

def test_2():
    assert floor_Min(1,2,1) == 0

def test_3():
    assert floor_Min(11,10,9) == 9
