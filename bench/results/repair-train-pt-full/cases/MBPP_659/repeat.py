def Repeat(x): 
    _size = len(x) 
    repeated = [] 
    for i in range(_size): 
        k = i + 1
        for j in range(k, _size): 
            if x[i] == x[j] or x[i] not in repeated: 
                repeated.append(x[i]) 
    return repeated
