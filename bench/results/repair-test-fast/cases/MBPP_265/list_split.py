def list_split(S, step):
    return [S[i + 1::step] for i in range(step)]
