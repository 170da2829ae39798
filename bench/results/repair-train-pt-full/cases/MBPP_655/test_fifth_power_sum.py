from fifth_power_sum import fifth_Power_Sum


def test_1():
    assert fifth_Power_Sum(2) == 33

def test_2():
    assert fifth_Power_Sum(4) == 1300

def test_3():
    assert fifth_Power_Sum(3) == 276
