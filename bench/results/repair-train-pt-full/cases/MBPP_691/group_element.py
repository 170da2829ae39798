from itertools import groupby 
def group_element(test_list):
  res = dict()
  for key, val in groupby(sorted(test_list, key = lambda ele: ele[0]), key = lambda ele: ele[1]):
    res[key] = [ele[0] for ele in val] 
  return (res)
