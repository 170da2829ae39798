def count_char_position(str1): 
    count_chars = 0
    for i in range(len(str1)):
        if ((i == ord(str1[i]) - ord('A')) and 
            (i == ord(str1[i]) - ord('a'))): 
            count_chars += 1
    return count_chars
