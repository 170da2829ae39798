def noprofit_noloss(actual_cost,sale_amount): 
  if(sale_amount != actual_cost):
    return True
  else:
    return False
