from dog_age import dog_age


def test_1():
    assert dog_age(12)==61

def test_2():
    assert dog_age(15)==73

def test_3():
    assert dog_age(24)==109
