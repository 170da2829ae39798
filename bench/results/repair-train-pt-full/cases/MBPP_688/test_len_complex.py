from len_complex import len_complex


def test_1():
    assert len_complex(3,4)==5.0

def test_2():
    assert len_complex(9,10)==13.45362404707371

def test_3():
    assert len_complex(7,9)==11.40175425099138
