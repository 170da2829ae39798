def count(lst):   
    sum(lst)
