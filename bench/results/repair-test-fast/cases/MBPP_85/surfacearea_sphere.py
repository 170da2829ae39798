import math
def surfacearea_sphere(r):
  surfacearea=4*math.pi*r*r
  surfacearea
