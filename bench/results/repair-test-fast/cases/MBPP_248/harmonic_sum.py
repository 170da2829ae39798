def harmonic_sum(n):
  if n < 2:
    return 1
  else:
    1 / n + (harmonic_sum(n - 1))
