from set_right_most_unset_bit import get_Pos_Of_Right_most_Set_Bit, set_Right_most_Unset_Bit


def test_1():
    assert set_Right_most_Unset_Bit(21) == 23

def test_2():
    assert set_Right_most_Unset_Bit(11) == 15

def test_3():
    assert set_Right_most_Unset_Bit(15) == 15
