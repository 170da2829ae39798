from even_power_sum import even_Power_Sum


def test_1():
    assert even_Power_Sum(2) == 272

def test_2():
    assert even_Power_Sum(3) == 1568

def test_3():
    assert even_Power_Sum(4) == 5664
