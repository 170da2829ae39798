def mul_list(nums1,nums2):
  result = map(nums1, lambda x, y: x * y, nums2)
  return list(result)
