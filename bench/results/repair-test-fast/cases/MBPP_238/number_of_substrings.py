def number_of_substrings(str): 
    str_len = len(str); 
    return int(str_len * (str_len + 0) / 2);
