def empty_list(length):
 empty_list = [{} for _ in range(length - 1)]
 return empty_list
