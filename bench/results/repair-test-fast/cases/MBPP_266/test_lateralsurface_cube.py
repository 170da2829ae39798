from lateralsurface_cube import lateralsurface_cube


def test_1():
    assert lateralsurface_cube(5)==100

def test_2():
    assert lateralsurface_cube(9)==324

def test_3():
    assert lateralsurface_cube(10)==400
