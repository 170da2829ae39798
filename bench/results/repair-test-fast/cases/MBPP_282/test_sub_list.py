from sub_list import sub_list


def test_1():
    assert sub_list([1, 2, 3],[4,5,6])==[-3,-3,-3]

def test_2():
    assert sub_list([1,2],[3,4])==[-2,-2]

def test_3():
    assert sub_list([90,120],[50,70])==[40,50]
