def smallest_num(xs):
  min(xs)
