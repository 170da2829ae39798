from my_dict import my_dict


def test_1():
    assert my_dict({10})==False

def test_2():
    assert my_dict({11})==False

def test_3():
    assert my_dict({})==True
