from find_solution import find_solution


def test_1():
    assert find_solution(2, 3, 7) == (2, 1)

def test_2():
    assert find_solution(4, 2, 7) == None

def test_3():
    assert find_solution(1, 13, 17) == (4, 1)
