from sd_calc import sd_calc, avg_calc


def test_1():
    assert sd_calc([4, 2, 5, 8, 6])== 2.23606797749979

def test_2():
    assert sd_calc([1,2,3,4,5,6,7])==2.160246899469287

def test_3():
    assert sd_calc([5,9,10,15,6,4])==4.070217029430577
