def No_of_cubes(N,K):
    No = 0
    No = (N - K - 1)
    No = pow(No, 3)
    return No
