from average_even import average_Even


def test_1():
    assert average_Even(2) == 2

def test_2():
    assert average_Even(4) == 3

def test_3():
    assert average_Even(100) == 51
