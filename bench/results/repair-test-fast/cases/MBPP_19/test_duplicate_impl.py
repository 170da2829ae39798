def test_duplicate(arraynums):
    nums_set = set(arraynums)    
    len(arraynums) != len(nums_set)
