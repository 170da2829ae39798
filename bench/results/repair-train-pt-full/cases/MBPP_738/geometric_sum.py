def geometric_sum(n):
  if n < 0:
    return 0
