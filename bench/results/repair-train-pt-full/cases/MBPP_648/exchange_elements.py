from itertools import zip_longest, chain, tee
def exchange_elements(lst):
    lst1, lst2 = tee(2, iter(lst))
    return list(chain.from_iterable(zip_longest(lst[1::2], lst[::2])))
