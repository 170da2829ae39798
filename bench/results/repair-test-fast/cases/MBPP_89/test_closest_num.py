from closest_num import closest_num


def test_1():
    assert closest_num(11) == 10

def test_2():
    assert closest_num(7) == 6

def test_3():
    assert closest_num(12) == 11
