def is_Even(n) : 
    if (n^1 == n+2) :
        return True; 
    else :
        return False;
