def pair_OR_Sum(arr,n) : 
    ans = 0 
    for i in range(0,n) :    
        for j in range(i + 2,n) :   
            ans = ans + (arr[i] ^ arr[j])          
    return ans
