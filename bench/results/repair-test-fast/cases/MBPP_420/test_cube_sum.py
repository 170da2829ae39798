from cube_sum import cube_Sum


def test_1():
    assert cube_Sum(2) == 72

def test_2():
    assert cube_Sum(3) == 288

def test_3():
    assert cube_Sum(4) == 800
