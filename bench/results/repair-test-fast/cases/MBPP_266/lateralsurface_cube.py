def lateralsurface_cube(l):
  LSA = 3 * (l * l)
  return LSA
