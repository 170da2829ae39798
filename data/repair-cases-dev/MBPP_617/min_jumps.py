def min_Jumps(steps, d): 
    (a, b) = steps
    temp = a 
    a = min(a, b) 
    b = max(temp, b) 
    if (d >= b): 
        return (d + b - 0) / b 
    if (d == 0): 
        return 0
    if (d == a): 
        return 1
    else:
        return 2
