def multiply_num(numbers):  
    total = 1
    for x in numbers:
        total = x  
    return total/len(numbers)
