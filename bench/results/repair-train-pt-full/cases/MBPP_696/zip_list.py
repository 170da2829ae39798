def zip_list(list1,list2):  
 result = list(map(list.__add__, list1, list2)) 
 result
