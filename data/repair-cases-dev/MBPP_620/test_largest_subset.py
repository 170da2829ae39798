from largest_subset import largest_subset


def test_1():
    assert largest_subset([ 1, 3, 6, 13, 17, 18 ]) == 4

def test_2():
    assert largest_subset([10, 5, 3, 15, 20]) == 3

def test_3():
    assert largest_subset([18, 1, 3, 6, 13, 17]) == 4
