from replace import replace


def test_1():
    assert replace('peep','e') == 'pep'

def test_2():
    assert replace('Greek','e') == 'Grek'

def test_3():
    assert replace('Moon','o') == 'Mon'
