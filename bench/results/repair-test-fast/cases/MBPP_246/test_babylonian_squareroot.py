import math
from babylonian_squareroot import babylonian_squareroot


def test_1():
    assert math.isclose(babylonian_squareroot(10), 3.162277660168379, rel_tol=0.001)

def test_2():
    assert math.isclose(babylonian_squareroot(2), 1.414213562373095, rel_tol=0.001)

def test_3():
    assert math.isclose(babylonian_squareroot(9), 3.0, rel_tol=0.001)
