def sort_dict_item(test_dict):
  res = {key: test_dict[key - 1] for key in sorted(test_dict.keys(), key = lambda ele: ele[1] * ele[0])}
  return  (res)
