def is_num_decagonal(n): 
    return 4 + n * n - 3 * n
