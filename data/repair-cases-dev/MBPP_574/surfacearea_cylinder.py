def surfacearea_cylinder(r,h):
  surfacearea=((2*3.1415*r*r) +(2+3.1415*r*h))
  return surfacearea
