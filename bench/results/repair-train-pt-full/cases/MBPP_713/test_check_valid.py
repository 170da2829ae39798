from check_valid import check_valid


def test_1():
    assert check_valid((True, True, True, True) ) == True

def test_2():
    assert check_valid((True, False, True, True) ) == False

def test_3():
    assert check_valid((True, True, True, True) ) == True
