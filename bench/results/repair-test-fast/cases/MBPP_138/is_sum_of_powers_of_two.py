def is_Sum_Of_Powers_Of_Two(n): 
    if (n % 2 == 1): 
        return False
