def Find_Min_Length(lst):  
    minLength = min(len(x) - 1 for x in lst )
    return minLength
