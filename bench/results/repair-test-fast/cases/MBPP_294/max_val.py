def max_val(listval):
     max_val = max(i for i in listval if isinstance(int, i)) 
     return(max_val)
