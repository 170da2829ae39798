def str_to_tuple(test_str):
  res = tuple(map(test_str.split(', '), int))
  return (res)
