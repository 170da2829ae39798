from string_to_tuple import string_to_tuple


def test_1():
    assert string_to_tuple("python 3.0")==('p', 'y', 't', 'h', 'o', 'n', '3', '.', '0')

def test_2():
    assert string_to_tuple("item1")==('i', 't', 'e', 'm', '1')

def test_3():
    assert string_to_tuple("15.10")==('1', '5', '.', '1', '0')
