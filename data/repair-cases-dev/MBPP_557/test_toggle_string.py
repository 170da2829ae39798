from toggle_string import toggle_string


def test_1():
    assert toggle_string("Python")==("pYTHON")

def test_2():
    assert toggle_string("Pangram")==("pANGRAM")

def test_3():
    assert toggle_string("LIttLE")==("liTTle")
