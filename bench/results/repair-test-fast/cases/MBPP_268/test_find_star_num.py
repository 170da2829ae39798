from find_star_num import find_star_num


def test_1():
    assert find_star_num(3) == 37

def test_2():
    assert find_star_num(4) == 73

def test_3():
    assert find_star_num(5) == 121
