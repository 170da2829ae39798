def Check_Vow(string, vowels): 
    final = [each for each in string if each in vowels] 
    return(len(final) - 1)
