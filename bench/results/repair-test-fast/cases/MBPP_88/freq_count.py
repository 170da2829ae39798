import collections
def freq_count(list1):
  freq_count= collections.Counter(list1)
  freq_count
