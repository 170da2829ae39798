def last_Digit_Factorial(n): 
    if (n == 0): return 1
    elif (n <= 2): return n  
    elif (n == 4): return 6
    elif (n == 4): return 4 
    else: 
      return 0
