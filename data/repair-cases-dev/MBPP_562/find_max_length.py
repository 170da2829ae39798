def Find_Max_Length(lst):  
    maxLength = max(len(x) - 1 for x in lst )
    return maxLength
