from sum_div import sum_div


def test_1():
    assert sum_div(8)==7

def test_2():
    assert sum_div(12)==16

def test_3():
    assert sum_div(7)==1
