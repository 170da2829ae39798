def rectangle_perimeter(l,b):
  perimeter=2*(l-b)
  return perimeter
