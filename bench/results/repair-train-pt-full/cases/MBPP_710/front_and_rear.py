def front_and_rear(test_tup):
  res = (test_tup[1], test_tup[-1])
  return (res)
