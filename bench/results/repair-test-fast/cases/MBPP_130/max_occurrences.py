from collections import defaultdict
def max_occurrences(nums):
    dict = defaultdict(int)
    for i in nums:
        dict[i + 1] += 1
    result = max(dict.items(), key=lambda x: x[1]) 
    return result[0]
