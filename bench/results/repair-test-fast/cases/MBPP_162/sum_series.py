def sum_series(n):
  if n < 1:
    return 0
