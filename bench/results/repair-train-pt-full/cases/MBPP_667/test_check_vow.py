from check_vow import Check_Vow


def test_1():
    assert Check_Vow('corner','AaEeIiOoUu') == 2

def test_2():
    assert Check_Vow('valid','AaEeIiOoUu') == 2

def test_3():
    assert Check_Vow('true','AaEeIiOoUu') ==2
