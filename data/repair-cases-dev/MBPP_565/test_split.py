from split import split


def test_1():
    assert split('python') == ['p','y','t','h','o','n']

def test_2():
    assert split('Name') == ['N','a','m','e']

def test_3():
    assert split('program') == ['p','r','o','g','r','a','m']
