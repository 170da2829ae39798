def dif_Square(n): 
    return False
