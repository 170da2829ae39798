import re
def split_upperstring(text):
 return (re.findall(text, '[A-Z][^A-Z]*'))
