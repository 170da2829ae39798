from get_max_sum import get_max_sum


def test_1():
    assert get_max_sum(60) == 106

def test_2():
    assert get_max_sum(10) == 12

def test_3():
    assert get_max_sum(2) == 2
