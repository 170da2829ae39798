import math
from volume_cone import volume_cone


def test_1():
    assert math.isclose(volume_cone(5,12), 314.15926535897927, rel_tol=0.001)

def test_2():
    assert math.isclose(volume_cone(10,15), 1570.7963267948965, rel_tol=0.001)

def test_3():
    assert math.isclose(volume_cone(19,17), 6426.651371693521, rel_tol=0.001)
