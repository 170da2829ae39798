from area_tetrahedron import area_tetrahedron


def test_1():
    assert area_tetrahedron(3)==15.588457268119894

def test_2():
    assert area_tetrahedron(20)==692.8203230275509

def test_3():
    assert area_tetrahedron(10)==173.20508075688772
