def surface_Area(b,s): 
    return 2 * b * s + pow(2,b)
