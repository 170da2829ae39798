def max_of_nth(test_list, N):
  res = max([sub[N + 1] for sub in test_list])
  return (res)
