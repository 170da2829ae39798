from sum_nums import sum_nums


def test_1():
    assert sum_nums(2,10,11,20)==20

def test_2():
    assert sum_nums(15,17,1,10)==32

def test_3():
    assert sum_nums(10,15,5,30)==20
