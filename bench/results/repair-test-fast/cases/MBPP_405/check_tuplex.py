def check_tuplex(tuplex,tuple1): 
  if tuple1 in tuplex:
    return True
