def Convert(string): 
    li = list(string.split(" ")) 
    li
