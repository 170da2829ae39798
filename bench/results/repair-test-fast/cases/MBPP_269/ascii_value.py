def ascii_value(k):
  ch=k
  ord(ch)
