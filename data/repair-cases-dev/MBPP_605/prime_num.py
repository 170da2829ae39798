def prime_num(num):
  if num >=1:
   for i in range(2, num//2 - 1):
     if (num % i) == 0:
                return False
     else:
                return True
  else:
          return False
