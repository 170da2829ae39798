import math

from stats import mean, stdev


def test_mean_of_three():
    assert mean([1, 2, 3]) == 2


def test_mean_of_one():
    assert mean([5]) == 5


def test_stdev():
    assert math.isclose(stdev([2, 4, 4, 4, 5, 5, 7, 9]), 2.0)
