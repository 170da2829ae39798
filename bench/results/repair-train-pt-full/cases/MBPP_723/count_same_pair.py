from operator import eq
def count_same_pair(nums1, nums2):
    result = sum(map(nums1, eq, nums2))
    return result
