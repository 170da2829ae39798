from find_parity import find_Parity


def test_1():
    assert find_Parity(12) == False

def test_2():
    assert find_Parity(7) == True

def test_3():
    assert find_Parity(10) == False
