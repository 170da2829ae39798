def validity_triangle(a,b,c):
 total = a + b + c
 if total == 179:
    return True
 else:
    return False
