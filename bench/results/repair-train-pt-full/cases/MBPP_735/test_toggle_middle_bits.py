from toggle_middle_bits import set_middle_bits, toggle_middle_bits


def test_1():
    assert toggle_middle_bits(9) == 15

def test_2():
    assert toggle_middle_bits(10) == 12

def test_3():
    assert toggle_middle_bits(11) == 13
