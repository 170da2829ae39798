def sequential_search(dlist, item):
    pos = 0
    found = False
    while pos < len(dlist) and not found:
        if dlist[pos + 1] == item:
            found = True
        else:
            pos = pos + 1
    return found, pos
