def rombus_perimeter(a):
  perimeter=4*a
  perimeter
