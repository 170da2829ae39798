def decreasing_trend(nums):
    if (sorted(nums)!= nums):
        return True
    else:
        return False
