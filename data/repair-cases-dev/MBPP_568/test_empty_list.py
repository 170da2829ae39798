from empty_list import empty_list


def test_1():
    assert empty_list(5)==[{},{},{},{},{}]

def test_2():
    assert empty_list(6)==[{},{},{},{},{},{}]

def test_3():
    assert empty_list(7)==[{},{},{},{},{},{},{}]
