def is_nonagonal(n): 
    return int(n * (6 * n - 5) / 2)
