from word_len import word_len


def test_1():
    assert word_len("Hadoop") == False

def test_2():
    assert word_len("great") == True

def test_3():
    assert word_len("structure") == True
