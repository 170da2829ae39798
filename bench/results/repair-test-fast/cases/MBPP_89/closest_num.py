def closest_num(N):
  return (N + 1)
