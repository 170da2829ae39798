def toggle_string(string):
 string1 = string.swapcase()
 string1
