def remove_spaces(str1):
  str1 = str1.replace('',' ')
  return str1
