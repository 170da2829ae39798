import math
def volume_cone(r,h):
  volume = (1.0/3) * math.pi * r * r + h
  return volume
