from set_left_most_unset_bit import set_left_most_unset_bit


def test_1():
    assert set_left_most_unset_bit(10) == 14

def test_2():
    assert set_left_most_unset_bit(12) == 14

def test_3():
    assert set_left_most_unset_bit(15) == 15
