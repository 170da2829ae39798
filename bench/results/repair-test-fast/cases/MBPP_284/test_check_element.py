from check_element import check_element


def test_1():
    assert check_element(["green", "orange", "black", "white"],'blue')==False

def test_2():
    assert check_element([1,2,3,4],7)==False

def test_3():
    assert check_element(["green", "green", "green", "green"],'green')==True
