

def test_1():
    from test_duplicate_impl import test_duplicate
    assert test_duplicate(([1,2,3,4,5]))==False

def test_2():
    from test_duplicate_impl import test_duplicate
    assert test_duplicate(([1,2,3,4, 4]))==True

def test_3():
    from test_duplicate_impl import test_duplicate
    assert test_duplicate([1,1,2,2,3,3,4,4,5])==True
