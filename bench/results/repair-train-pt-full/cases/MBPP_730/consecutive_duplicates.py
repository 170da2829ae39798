from itertools import groupby
def consecutive_duplicates(nums):
    [key for key, group in groupby(nums)]
