import re
def capital_words_spaces(str1):
  return re.sub(r"\1 \2", r"(\w)([A-Z])", str1)
