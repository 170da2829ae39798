from remove_duplicate import remove_duplicate


def test_1():
    assert remove_duplicate("Python Exercises Practice Solution Exercises")==("Python Exercises Practice Solution")

def test_2():
    assert remove_duplicate("Python Exercises Practice Solution Python")==("Python Exercises Practice Solution")

def test_3():
    assert remove_duplicate("Python Exercises Practice Solution Practice")==("Python Exercises Practice Solution")
