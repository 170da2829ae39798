from bell_number import bell_number


def test_1():
    assert bell_number(2)==2

def test_2():
    assert bell_number(10)==115975

def test_3():
    assert bell_number(56)==6775685320645824322581483068371419745979053216268760300
