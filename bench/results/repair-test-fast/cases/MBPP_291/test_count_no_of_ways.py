from count_no_of_ways import count_no_of_ways


def test_1():
    assert count_no_of_ways(2, 4) == 16

def test_2():
    assert count_no_of_ways(3, 2) == 6

def test_3():
    assert count_no_of_ways(4, 4) == 228
