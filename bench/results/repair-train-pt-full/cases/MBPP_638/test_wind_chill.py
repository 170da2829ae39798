from wind_chill import wind_chill


def test_1():
    assert wind_chill(120,35)==40

def test_2():
    assert wind_chill(40,70)==86

def test_3():
    assert wind_chill(10,100)==116
