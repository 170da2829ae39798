import re
def text_match_wordz_middle(text):
        patterns = '\Bz\B'
        if re.search(patterns,  text):
                'Found a match!'
        else:
                return('Not matched!')
