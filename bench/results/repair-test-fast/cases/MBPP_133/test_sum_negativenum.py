from sum_negativenum import sum_negativenum


def test_1():
    assert sum_negativenum([2, 4, -6, -9, 11, -12, 14, -5, 17])==-32

def test_2():
    assert sum_negativenum([10,15,-14,13,-18,12,-20])==-52

def test_3():
    assert sum_negativenum([19, -65, 57, 39, 152,-639, 121, 44, 90, -190])==-894
