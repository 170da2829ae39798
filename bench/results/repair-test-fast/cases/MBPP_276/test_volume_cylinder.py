import math
from volume_cylinder import volume_cylinder


def test_1():
    assert math.isclose(volume_cylinder(10,5), 1570.7500000000002, rel_tol=0.001)

def test_2():
    assert math.isclose(volume_cylinder(4,5), 251.32000000000002, rel_tol=0.001)

def test_3():
    assert math.isclose(volume_cylinder(4,10), 502.64000000000004, rel_tol=0.001)
