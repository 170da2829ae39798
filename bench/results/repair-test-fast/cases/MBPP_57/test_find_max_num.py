from find_max_num import find_Max_Num


def test_1():
    assert find_Max_Num([1,2,3]) == 321

def test_2():
    assert find_Max_Num([4,5,6,1]) == 6541

def test_3():
    assert find_Max_Num([1,2,3,9]) == 9321
