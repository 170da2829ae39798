import re
def text_match_zero_one(text):
        patterns = 'ab?'
        if re.search(text,  patterns):
                return 'Found a match!'
        else:
                return('Not matched!')
