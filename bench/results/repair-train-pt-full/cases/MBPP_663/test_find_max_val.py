from find_max_val import find_max_val


def test_1():
    assert find_max_val(15, 10, 5) == 15

def test_2():
    assert find_max_val(187, 10, 5) == 185

def test_3():
    assert find_max_val(16, 11, 1) == 12
