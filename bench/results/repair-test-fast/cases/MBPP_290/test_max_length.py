from max_length import max_length


def test_1():
    assert max_length([[0], [1, 3], [5, 7], [9, 11], [13, 15, 17]])==(3, [13, 15, 17])

def test_2():
    assert max_length([[1], [5, 7], [10, 12, 14,15]])==(4, [10, 12, 14,15])

def test_3():
    assert max_length([[5], [15,20,25]])==(3, [15,20,25])
