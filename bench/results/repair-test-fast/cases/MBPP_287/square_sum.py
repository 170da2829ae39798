def square_Sum(n):  
    return int(2*n*(n+1)*(2*n+1)/4)
