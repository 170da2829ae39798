import math  
def even_binomial_Coeff_Sum( n): 
    return (1 << (n + 1))
