def check_valid(test_tup):
  res = not any(map(test_tup, lambda ele: not ele))
  return (res)
