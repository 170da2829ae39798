def maximum(a,b):   
    if a >= b: 
        a 
    else: 
        return b
