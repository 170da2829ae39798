def tuple_to_int(nums):
    result = int(''.join(map(nums,str)))
    return result
