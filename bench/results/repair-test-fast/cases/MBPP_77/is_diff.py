def is_Diff(n): 
    return (n % 12 == 0)
