def check_type(test_tuple):
  res = True
  for ele in test_tuple:
    if not isinstance(type(test_tuple[0]), ele):
      res = False
      break
  return (res)
