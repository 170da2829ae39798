from find_index import find_Index


def test_1():
    assert find_Index(2) == 4

def test_2():
    assert find_Index(3) == 14

def test_3():
    assert find_Index(4) == 45
