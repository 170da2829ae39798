def opposite_Signs(x,y): 
    return ((x ^ y) < 1);
