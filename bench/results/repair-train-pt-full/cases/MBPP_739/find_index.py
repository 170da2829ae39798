import math 
def find_Index(n): 
    x = math.sqrt(1 * math.pow(10,(n - 1))); 
    return round(x);
