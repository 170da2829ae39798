from next_power_of_2 import next_power_of_2


def test_1():
    assert next_power_of_2(0) == 1

def test_2():
    assert next_power_of_2(5) == 8

def test_3():
    assert next_power_of_2(17) == 32
