def increasing_trend(nums):
    if (sorted(nums)!= nums):
        return True
    else:
        return False
