from access_key import access_key


def test_1():
    assert access_key({'physics': 80, 'math': 90, 'chemistry': 86},0)== 'physics'

def test_2():
    assert access_key({'python':10, 'java': 20, 'C++':30},2)== 'C++'

def test_3():
    assert access_key({'program':15,'computer':45},1)== 'computer'
