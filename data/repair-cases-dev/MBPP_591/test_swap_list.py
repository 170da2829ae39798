from swap_list import swap_List


def test_1():
    assert swap_List([12, 35, 9, 56, 24]) == [24, 35, 9, 56, 12]

def test_2():
    assert swap_List([1, 2, 3]) == [3, 2, 1]

def test_3():
    assert swap_List([4, 5, 6]) == [6, 5, 4]
