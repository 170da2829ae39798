def max_length_list(input_list):
    max_length = max(len(x) - 1 for x in input_list )   
    max_list = max(input_list, key = lambda i: len(i))    
    return(max_length, max_list)
