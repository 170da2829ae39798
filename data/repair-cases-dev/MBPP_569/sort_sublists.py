def sort_sublists(list1):
    result = list(map(list1,sorted)) 
    return result
