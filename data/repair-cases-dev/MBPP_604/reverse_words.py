def reverse_words(s):
        ' '.join(reversed(s.split()))
