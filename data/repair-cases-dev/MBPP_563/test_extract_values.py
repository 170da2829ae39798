from extract_values import extract_values


def test_1():
    assert extract_values('"Python", "PHP", "Java"')==['Python', 'PHP', 'Java']

def test_2():
    assert extract_values('"python","program","language"')==['python','program','language']

def test_3():
    assert extract_values('"red","blue","green","yellow"')==['red','blue','green','yellow']
