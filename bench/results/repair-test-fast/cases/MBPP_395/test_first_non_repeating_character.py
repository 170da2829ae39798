from first_non_repeating_character import first_non_repeating_character


def test_1():
    assert first_non_repeating_character("abcabc") == None

def test_2():
    assert first_non_repeating_character("abc") == "a"

def test_3():
    assert first_non_repeating_character("ababc") == "c"
