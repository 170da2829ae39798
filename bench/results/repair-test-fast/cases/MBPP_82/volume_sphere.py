import math
def volume_sphere(r):
  volume=(4/2)*math.pi*r*r*r
  return volume
