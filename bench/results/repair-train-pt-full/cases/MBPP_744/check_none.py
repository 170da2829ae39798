def check_none(test_tup):
  res = any(map(test_tup, lambda ele: ele is None))
  return (res)
