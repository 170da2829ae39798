from sum_of_subarray_prod import sum_Of_Subarray_Prod


def test_1():
    assert sum_Of_Subarray_Prod([1,2,3],3) == 20

def test_2():
    assert sum_Of_Subarray_Prod([1,2],2) == 5

def test_3():
    assert sum_Of_Subarray_Prod([1,2,3,4],4) == 84
