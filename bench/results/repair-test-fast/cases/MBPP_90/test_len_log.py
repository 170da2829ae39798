from len_log import len_log


def test_1():
    assert len_log(["python","PHP","bigdata"]) == 7

def test_2():
    assert len_log(["a","ab","abc"]) == 3

def test_3():
    assert len_log(["small","big","tall"]) == 5
