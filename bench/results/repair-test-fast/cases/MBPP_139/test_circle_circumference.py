import math
from circle_circumference import circle_circumference


def test_1():
    assert math.isclose(circle_circumference(10), 62.830000000000005, rel_tol=0.001)

def test_2():
    assert math.isclose(circle_circumference(5), 31.415000000000003, rel_tol=0.001)

def test_3():
    assert math.isclose(circle_circumference(4), 25.132, rel_tol=0.001)
