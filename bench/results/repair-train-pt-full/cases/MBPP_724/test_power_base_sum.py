from power_base_sum import power_base_sum


def test_1():
    assert power_base_sum(2,100)==115

def test_2():
    assert power_base_sum(8,10)==37

def test_3():
    assert power_base_sum(8,15)==62
