from pair_or_sum import pair_OR_Sum


def test_1():
    assert pair_OR_Sum([5,9,7,6],4) == 47

def test_2():
    assert pair_OR_Sum([7,3,5],3) == 12

def test_3():
    assert pair_OR_Sum([7,3],2) == 4
