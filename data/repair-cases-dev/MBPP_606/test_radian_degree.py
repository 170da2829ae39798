from radian_degree import radian_degree


def test_1():
    assert radian_degree(90)==1.5707963267948966

def test_2():
    assert radian_degree(60)==1.0471975511965976

def test_3():
    assert radian_degree(120)==2.0943951023931953
