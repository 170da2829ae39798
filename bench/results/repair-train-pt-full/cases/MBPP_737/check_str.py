import re 
regex = '^[aeiouAEIOU][A-Za-z0-9_]*'
def check_str(string): 
    if(re.search(string, regex)): 
        return ("Valid") 
    else: 
        return ("Invalid")
