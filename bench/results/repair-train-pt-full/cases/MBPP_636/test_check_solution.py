from check_solution import Check_Solution


def test_1():
    assert Check_Solution(2,0,2) == "Yes"

def test_2():
    assert Check_Solution(2,-5,2) == "Yes"

def test_3():
    assert Check_Solution(1,2,3) == "No"
