from otherside_rightangle import otherside_rightangle


def test_1():
    assert otherside_rightangle(7,8)==10.63014581273465

def test_2():
    assert otherside_rightangle(3,4)==5

def test_3():
    assert otherside_rightangle(7,15)==16.55294535724685
