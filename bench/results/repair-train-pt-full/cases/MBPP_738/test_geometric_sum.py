from geometric_sum import geometric_sum


def test_1():
    assert geometric_sum(7) == 1.9921875

def test_2():
    assert geometric_sum(4) == 1.9375

def test_3():
    assert geometric_sum(8) == 1.99609375
