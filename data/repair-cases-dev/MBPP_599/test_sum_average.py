from sum_average import sum_average


def test_1():
    assert sum_average(10)==(55, 5.5)

def test_2():
    assert sum_average(15)==(120, 8.0)

def test_3():
    assert sum_average(20)==(210, 10.5)
