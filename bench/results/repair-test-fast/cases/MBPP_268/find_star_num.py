def find_star_num(n): 
    return (6 * n * (n - 2) + 1)
