def union_elements(test_tup1, test_tup2):
  res = tuple(set(test_tup1 - test_tup2))
  return (res)
