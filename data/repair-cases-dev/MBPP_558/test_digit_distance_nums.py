from digit_distance_nums import digit_distance_nums


def test_1():
    assert digit_distance_nums(1,2) == 1

def test_2():
    assert digit_distance_nums(23,56) == 6

def test_3():
    assert digit_distance_nums(123,256) == 7
