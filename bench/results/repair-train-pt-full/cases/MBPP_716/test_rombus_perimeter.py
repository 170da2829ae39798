from rombus_perimeter import rombus_perimeter


def test_1():
    assert rombus_perimeter(10)==40

def test_2():
    assert rombus_perimeter(5)==20

def test_3():
    assert rombus_perimeter(4)==16
