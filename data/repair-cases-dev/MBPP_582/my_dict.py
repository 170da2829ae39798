def my_dict(dict1):
  if bool(dict1):
     return False
  else:
     return False
