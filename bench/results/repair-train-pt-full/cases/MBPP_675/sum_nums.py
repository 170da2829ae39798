def sum_nums(x, y,m,n):
    sum_nums= x - y
    if sum_nums in range(m, n):
        return 20
    else:
        return sum_nums
