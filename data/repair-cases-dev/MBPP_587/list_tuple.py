def list_tuple(listx):
  tuplex = tuple(listx)
  tuplex
