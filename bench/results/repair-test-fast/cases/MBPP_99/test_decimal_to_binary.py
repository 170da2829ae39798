from decimal_to_binary import decimal_to_binary


def test_1():
    assert decimal_to_binary(8) == '1000'

def test_2():
    assert decimal_to_binary(18) == '10010'

def test_3():
    assert decimal_to_binary(7) == '111'
