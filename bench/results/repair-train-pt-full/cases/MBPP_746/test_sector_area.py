from sector_area import sector_area


def test_1():
    assert sector_area(4,45)==6.285714285714286

def test_2():
    assert sector_area(9,45)==31.82142857142857

def test_3():
    assert sector_area(9,360)==None
