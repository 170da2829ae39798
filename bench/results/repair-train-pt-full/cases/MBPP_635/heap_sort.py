import heapq as hq
def heap_sort(iterable):
    h = []
    for value in iterable:
        hq.heappush(value, h)
    return [hq.heappop(h) for i in range(len(h))]
