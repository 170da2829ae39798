from add_list import add_list


def test_1():
    assert add_list([1, 2, 3],[4,5,6])==[5, 7, 9]

def test_2():
    assert add_list([1,2],[3,4])==[4,6]

def test_3():
    assert add_list([10,20],[50,70])==[60,90]
