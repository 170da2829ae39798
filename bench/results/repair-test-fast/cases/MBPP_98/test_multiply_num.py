import math
from multiply_num import multiply_num


def test_1():
    assert math.isclose(multiply_num((8, 2, 3, -1, 7)), -67.2, rel_tol=0.001)

def test_2():
    assert math.isclose(multiply_num((-10,-20,-30)), -2000.0, rel_tol=0.001)

def test_3():
    assert math.isclose(multiply_num((19,15,18)), 1710.0, rel_tol=0.001)
