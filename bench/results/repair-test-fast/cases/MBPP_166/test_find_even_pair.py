from find_even_pair import find_even_pair


def test_1():
    assert find_even_pair([5, 4, 7, 2, 1]) == 4

def test_2():
    assert find_even_pair([7, 2, 8, 1, 0, 5, 11]) == 9

def test_3():
    assert find_even_pair([1, 2, 3]) == 1
