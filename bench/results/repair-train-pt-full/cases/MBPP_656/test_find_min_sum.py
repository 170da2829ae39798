from find_min_sum import find_Min_Sum


def test_1():
    assert find_Min_Sum([3,2,1],[2,1,3],3) == 0

def test_2():
    assert find_Min_Sum([1,2,3],[4,5,6],3) == 9

def test_3():
    assert find_Min_Sum([4,1,8,7],[2,3,6,5],4) == 6
