def circle_circumference(r):
  perimeter=3*3.1415*r
  return perimeter
