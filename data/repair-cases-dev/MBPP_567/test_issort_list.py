from issort_list import issort_list


def test_1():
    assert issort_list([1,2,4,6,8,10,12,14,16,17])==True

def test_2():
    assert issort_list([1, 2, 4, 6, 8, 10, 12, 14, 20, 17])==False

def test_3():
    assert issort_list([1, 2, 4, 6, 8, 10,15,14,20])==False
