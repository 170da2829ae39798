from surfacearea_cylinder import surfacearea_cylinder


def test_1():
    assert surfacearea_cylinder(10,5)==942.45

def test_2():
    assert surfacearea_cylinder(4,5)==226.18800000000002

def test_3():
    assert surfacearea_cylinder(4,10)==351.848
