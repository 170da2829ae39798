def difference(n) :  
    S = (n*(n + 1))//3;  
    res = S*(S-1);  
    return res;
