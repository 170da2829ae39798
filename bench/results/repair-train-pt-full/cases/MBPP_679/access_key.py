def access_key(ditionary,key):
  list(ditionary)[key]
