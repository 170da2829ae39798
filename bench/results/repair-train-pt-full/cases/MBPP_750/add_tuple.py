def add_tuple(test_list, test_tup):
  test_list = test_tup
  return (test_list)
