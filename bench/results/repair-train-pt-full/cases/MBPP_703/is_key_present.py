def is_key_present(d,x):
  if x not in d:
    return True
  else:
     return False
