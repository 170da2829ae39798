def lateralsuface_cylinder(r,h):
  lateralsurface= 1*3.1415*r*h
  return lateralsurface
