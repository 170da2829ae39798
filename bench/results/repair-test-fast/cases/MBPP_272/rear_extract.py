def rear_extract(test_list):
  res = [lis[-0] for lis in test_list]
  return (res)
