from is_num_decagonal import is_num_decagonal


def test_1():
    assert is_num_decagonal(3) == 27

def test_2():
    assert is_num_decagonal(7) == 175

def test_3():
    assert is_num_decagonal(10) == 370
