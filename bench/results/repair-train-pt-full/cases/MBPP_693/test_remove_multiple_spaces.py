from remove_multiple_spaces import remove_multiple_spaces


def test_1():
    assert remove_multiple_spaces('Google      Assistant') == 'Google Assistant'

def test_2():
    assert remove_multiple_spaces('Quad      Core') == 'Quad Core'

def test_3():
    assert remove_multiple_spaces('ChromeCast      Built-in') == 'ChromeCast Built-in'
