from decreasing_trend import decreasing_trend


def test_1():
    assert decreasing_trend([-4,-3,-2,-1]) == True

def test_2():
    assert decreasing_trend([1,2,3]) == True

def test_3():
    assert decreasing_trend([3,2,1]) == False
