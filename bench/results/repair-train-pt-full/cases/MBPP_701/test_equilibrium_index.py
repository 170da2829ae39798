from equilibrium_index import equilibrium_index


def test_1():
    assert equilibrium_index([1, 2, 3, 4, 1, 2, 3]) == 3

def test_2():
    assert equilibrium_index([-7, 1, 5, 2, -4, 3, 0]) == 3

def test_3():
    assert equilibrium_index([1, 2, 3]) == -1
