from remove_dirty_chars import str_to_list, lst_to_string, get_char_count_array, remove_dirty_chars


def test_1():
    assert remove_dirty_chars("probasscurve", "pros") == 'bacuve'

def test_2():
    assert remove_dirty_chars("digitalindia", "talent") == 'digiidi'

def test_3():
    assert remove_dirty_chars("exoticmiles", "toxic") == 'emles'
