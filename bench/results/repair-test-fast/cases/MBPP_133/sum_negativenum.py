def sum_negativenum(nums):
  sum_negativenum = list(filter(nums,lambda nums:nums<0))
  return sum(sum_negativenum)
