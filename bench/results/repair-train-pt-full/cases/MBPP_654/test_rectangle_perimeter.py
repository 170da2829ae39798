from rectangle_perimeter import rectangle_perimeter


def test_1():
    assert rectangle_perimeter(10,20)==60

def test_2():
    assert rectangle_perimeter(10,5)==30

def test_3():
    assert rectangle_perimeter(4,2)==12
