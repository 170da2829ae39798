def find(n,m):  
    q = n/m 
    return (q)
