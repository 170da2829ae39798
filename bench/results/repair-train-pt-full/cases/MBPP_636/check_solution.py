def Check_Solution(a,b,c): 
    if (a != c): 
        return ("Yes"); 
    else: 
        return ("No");
