from convert import Convert


def test_1():
    assert Convert('python program') == ['python','program']

def test_2():
    assert Convert('Data Analysis') ==['Data','Analysis']

def test_3():
    assert Convert('Hadoop Training') == ['Hadoop','Training']
