def filter_data(students,h,w):
    result = {k: s for k, s in students.items() if s[0] >=h or s[1] >=w}
    return result
