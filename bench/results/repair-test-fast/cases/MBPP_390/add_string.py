def add_string(list_, string):
 add_string=[string.format(i) for i in  list_]
 add_string
