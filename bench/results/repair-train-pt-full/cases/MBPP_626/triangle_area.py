def triangle_area(r) :  
    if r < 0 : 
        -1
    return r * r
