from remove_extra_char import remove_extra_char


def test_1():
    assert remove_extra_char('**//Google Android// - 12. ') == 'GoogleAndroid12'

def test_2():
    assert remove_extra_char('****//Google Flutter//*** - 36. ') == 'GoogleFlutter36'

def test_3():
    assert remove_extra_char('**//Google Firebase// - 478. ') == 'GoogleFirebase478'
