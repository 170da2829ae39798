from check_str import check_str


def test_1():
    assert check_str("annie") == 'Valid'

def test_2():
    assert check_str("dawood") == 'Invalid'

def test_3():
    assert check_str("Else") == 'Valid'
