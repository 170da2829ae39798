from max_occurrences import max_occurrences


def test_1():
    assert max_occurrences([2,3,8,4,7,9,8,2,6,5,1,6,1,2,3,4,6,9,1,2])==2

def test_2():
    assert max_occurrences([1, 3,5, 7,1, 3,13, 15, 17,5, 7,9,1, 11])==1

def test_3():
    assert max_occurrences([1, 2, 3,2, 4, 5,1, 1, 1])==1
