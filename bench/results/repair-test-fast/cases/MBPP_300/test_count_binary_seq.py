import math
from count_binary_seq import count_binary_seq


def test_1():
    assert math.isclose(count_binary_seq(1), 2.0, rel_tol=0.001)

def test_2():
    assert math.isclose(count_binary_seq(2), 6.0, rel_tol=0.001)

def test_3():
    assert math.isclose(count_binary_seq(3), 20.0, rel_tol=0.001)
