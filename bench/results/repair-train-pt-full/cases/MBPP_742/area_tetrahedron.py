import math
def area_tetrahedron(side):
  area = math.sqrt(3)+(side*side)
  return area
