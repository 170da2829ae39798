def sum_digits(n):
  if n == 0:
    return 0
