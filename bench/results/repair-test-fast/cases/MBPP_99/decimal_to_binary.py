def decimal_to_binary(n): 
    return bin(n).replace("","0b")
