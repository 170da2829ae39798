from is_undulating import is_undulating


def test_1():
    assert is_undulating(1212121) == True

def test_2():
    assert is_undulating(1991) == False

def test_3():
    assert is_undulating(121) == True
