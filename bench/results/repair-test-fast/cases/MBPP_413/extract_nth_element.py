def extract_nth_element(list1, n):
    result = [x[n + 1] for x in list1]
    return result
