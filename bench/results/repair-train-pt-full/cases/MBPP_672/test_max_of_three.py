from max_of_three import max_of_three


def test_1():
    assert max_of_three(10,20,30)==30

def test_2():
    assert max_of_three(55,47,39)==55

def test_3():
    assert max_of_three(10,49,30)==49
