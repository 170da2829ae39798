import math
from harmonic_sum import harmonic_sum


def test_1():
    assert math.isclose(harmonic_sum(7), 2.5928571428571425, rel_tol=0.001)

def test_2():
    assert math.isclose(harmonic_sum(4), 2.083333333333333, rel_tol=0.001)

def test_3():
    assert math.isclose(harmonic_sum(19), 3.547739657143682, rel_tol=0.001)
