def check_distinct(test_tup):
  res = True
  temp = set()
  for ele in test_tup:
    temp.add(ele)
  return res
