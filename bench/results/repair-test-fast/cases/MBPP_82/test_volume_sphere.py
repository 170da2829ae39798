import math
from volume_sphere import volume_sphere


def test_1():
    assert math.isclose(volume_sphere(10), 4188.790204786391, rel_tol=0.001)

def test_2():
    assert math.isclose(volume_sphere(25), 65449.84694978735, rel_tol=0.001)

def test_3():
    assert math.isclose(volume_sphere(20), 33510.32163829113, rel_tol=0.001)
