from count_set_bits import count_Set_Bits


def test_1():
    assert count_Set_Bits(16) == 33

def test_2():
    assert count_Set_Bits(2) == 2

def test_3():
    assert count_Set_Bits(14) == 28
