from surface_area import surface_Area


def test_1():
    assert surface_Area(3,4) == 33

def test_2():
    assert surface_Area(4,5) == 56

def test_3():
    assert surface_Area(1,2) == 5
