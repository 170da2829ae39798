def power_base_sum(base, power):
    return sum([int(i) for i in str(pow(power, base))])
