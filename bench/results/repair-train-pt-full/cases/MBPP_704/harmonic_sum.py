def harmonic_sum(n):
  if n < 2:
    return 1
