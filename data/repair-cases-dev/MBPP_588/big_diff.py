def big_diff(nums):
     diff= max(nums)+min(nums)
     return diff
