from armstrong_number import armstrong_number


def test_1():
    assert armstrong_number(153)==True

def test_2():
    assert armstrong_number(259)==False

def test_3():
    assert armstrong_number(4458)==False
