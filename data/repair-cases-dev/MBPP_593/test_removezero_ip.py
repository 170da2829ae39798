from removezero_ip import removezero_ip


def test_1():
    assert removezero_ip("216.08.094.196")==('216.8.94.196')

def test_2():
    assert removezero_ip("12.01.024")==('12.1.24')

def test_3():
    assert removezero_ip("216.08.094.0196")==('216.8.94.196')
