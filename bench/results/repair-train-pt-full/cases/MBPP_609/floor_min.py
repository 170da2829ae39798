def floor_Min(A,B,N):
    x = max(B + 1,N)
    return (A*x) // B
