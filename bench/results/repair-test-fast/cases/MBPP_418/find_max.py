def Find_Max(lst): 
    maxList = max((x) for x in lst) 
    maxList
