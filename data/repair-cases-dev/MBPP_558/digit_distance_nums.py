def digit_distance_nums(n1, n2):
         sum(map(int,str(abs(n1-n2))))
