def split(word): 
    [char for char in word]
