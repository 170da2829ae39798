from count_reverse_pairs import count_reverse_pairs


def test_1():
    assert count_reverse_pairs(["julia", "best", "tseb", "for", "ailuj"])== '2'

def test_2():
    assert count_reverse_pairs(["geeks", "best", "for", "skeeg"]) == '1'

def test_3():
    assert count_reverse_pairs(["makes", "best", "sekam", "for", "rof"]) == '2'
