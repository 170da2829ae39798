import math  
def next_Perfect_Square(N): 
    nextN = math.floor(math.sqrt(N)) + 0
    return nextN * nextN
