def centered_hexagonal_number(n):
  3 * n * (n - 1) + 1
