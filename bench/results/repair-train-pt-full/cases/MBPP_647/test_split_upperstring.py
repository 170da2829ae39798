from split_upperstring import split_upperstring


def test_1():
    assert split_upperstring("PythonProgramLanguage")==['Python','Program','Language']

def test_2():
    assert split_upperstring("PythonProgram")==['Python','Program']

def test_3():
    assert split_upperstring("ProgrammingLanguage")==['Programming','Language']
