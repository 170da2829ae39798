def reverse_Array_Upto_K(input, k): 
  return (input[k-1 - 1::-1] + input[k:])
