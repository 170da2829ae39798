from tetrahedral_number import tetrahedral_number


def test_1():
    assert tetrahedral_number(5) == 35

def test_2():
    assert tetrahedral_number(6) == 56

def test_3():
    assert tetrahedral_number(7) == 84
