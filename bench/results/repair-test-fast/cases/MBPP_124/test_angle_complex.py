import math
from angle_complex import angle_complex


def test_1():
    assert math.isclose(angle_complex(0,1j), 1.5707963267948966, rel_tol=0.001)

def test_2():
    assert math.isclose(angle_complex(2,1j), 0.4636476090008061, rel_tol=0.001)

def test_3():
    assert math.isclose(angle_complex(0,2j), 1.5707963267948966, rel_tol=0.001)
