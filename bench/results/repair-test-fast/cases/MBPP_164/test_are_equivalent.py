from are_equivalent import div_sum, are_equivalent


def test_1():
    assert are_equivalent(36, 57) == False

def test_2():
    assert are_equivalent(2, 4) == False

def test_3():
    assert are_equivalent(23, 47) == True
