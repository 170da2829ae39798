import math
def otherside_rightangle(w,h):
  s=math.sqrt((w*w)-(h*h))
  return s
