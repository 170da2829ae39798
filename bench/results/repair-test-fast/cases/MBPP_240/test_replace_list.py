from replace_list import replace_list


def test_1():
    assert replace_list([1, 3, 5, 7, 9, 10],[2, 4, 6, 8])==[1, 3, 5, 7, 9, 2, 4, 6, 8]

def test_2():
    assert replace_list([1,2,3,4,5],[5,6,7,8])==[1,2,3,4,5,6,7,8]

def test_3():
    assert replace_list(["red","blue","green"],["yellow"])==["red","blue","yellow"]
