from count_even import count_even


def test_1():
    assert count_even([1, 2, 3, 5, 7, 8, 9, 10])==3

def test_2():
    assert count_even([10,15,14,13,-18,12,-20])==5

def test_3():
    assert count_even([1, 2, 4, 8, 9])==3
