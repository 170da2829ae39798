def swap_numbers(a,b):
 temp = a
 a = b
 b = temp
 (a,b)
