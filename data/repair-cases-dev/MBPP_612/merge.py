def merge(lst):  
    [list(ele) for ele in list(zip(*lst))]
