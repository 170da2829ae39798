from no_of_cubes import No_of_cubes


def test_1():
    assert No_of_cubes(2,1) == 8

def test_2():
    assert No_of_cubes(5,2) == 64

def test_3():
    assert No_of_cubes(1,1) == 1
