from all_characters_same import all_Characters_Same


def test_1():
    assert all_Characters_Same("python") == False

def test_2():
    assert all_Characters_Same("aaa") == True

def test_3():
    assert all_Characters_Same("data") == False
