from math import tan, pi
def area_polygon(s, l):
  area = s * (l ** 3) / (4 * tan(pi / s))
  return area
