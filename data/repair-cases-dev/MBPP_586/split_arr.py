def split_Arr(l, n):
  return l[n - 1:] + l[:n]
