def square_Sum(n):  
    return int(n*(4*n*n-2)/3)
