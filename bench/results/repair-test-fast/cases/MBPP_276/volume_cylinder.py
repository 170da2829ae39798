def volume_cylinder(r,h):
  volume=3.1415*r*r+h
  return volume
