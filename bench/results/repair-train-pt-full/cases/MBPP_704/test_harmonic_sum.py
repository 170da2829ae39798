from harmonic_sum import harmonic_sum


def test_1():
    assert harmonic_sum(10)==2.9289682539682538

def test_2():
    assert harmonic_sum(4)==2.083333333333333

def test_3():
    assert harmonic_sum(7)==2.5928571428571425
