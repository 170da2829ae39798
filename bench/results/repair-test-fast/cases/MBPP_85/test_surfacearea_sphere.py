import math
from surfacearea_sphere import surfacearea_sphere


def test_1():
    assert math.isclose(surfacearea_sphere(10), 1256.6370614359173, rel_tol=0.001)

def test_2():
    assert math.isclose(surfacearea_sphere(15), 2827.4333882308138, rel_tol=0.001)

def test_3():
    assert math.isclose(surfacearea_sphere(20), 5026.548245743669, rel_tol=0.001)
