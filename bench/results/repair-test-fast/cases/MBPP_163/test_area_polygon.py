import math
from area_polygon import area_polygon


def test_1():
    assert math.isclose(area_polygon(4, 20), 400., rel_tol=0.001)

def test_2():
    assert math.isclose(area_polygon(10, 15), 1731.197, rel_tol=0.001)

def test_3():
    assert math.isclose(area_polygon(9, 7), 302.909, rel_tol=0.001)
