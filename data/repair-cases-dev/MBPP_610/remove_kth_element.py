def remove_kth_element(list1, L):
    return  list1[:L+1] + list1[L:]
