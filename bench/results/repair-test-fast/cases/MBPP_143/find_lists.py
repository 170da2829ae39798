def find_lists(Input): 
    if isinstance(Input, list): 
        return 2
    else: 
        return len(Input)
