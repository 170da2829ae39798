from capital_words_spaces import capital_words_spaces


def test_1():
    assert capital_words_spaces("Python") == 'Python'

def test_2():
    assert capital_words_spaces("PythonProgrammingExamples") == 'Python Programming Examples'

def test_3():
    assert capital_words_spaces("GetReadyToBeCodingFreak") == 'Get Ready To Be Coding Freak'
