def sort_sublists(list1):
      list1.sort()  
      list1.sort(key=len)
      list1
