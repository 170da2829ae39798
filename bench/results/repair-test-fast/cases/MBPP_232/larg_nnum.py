import heapq
def larg_nnum(list1,n):
 largest=heapq.nlargest(list1,n)
 return largest
