import math
def radian_degree(degree):
 radian = degree*(math.pi/181)
 return radian
