from swap_numbers import swap_numbers


def test_1():
    assert swap_numbers(10,20)==(20,10)

def test_2():
    assert swap_numbers(15,17)==(17,15)

def test_3():
    assert swap_numbers(100,200)==(200,100)
