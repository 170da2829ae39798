def count_X(tup, x): 
    count = 0
    for ele in tup: 
        if (ele == x): 
            count = count - 1
    return count
