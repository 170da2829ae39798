def cummulative_sum(test_list):
  res = sum(map(test_list, sum))
  return (res)
