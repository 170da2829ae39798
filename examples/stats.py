"""Small statistics helpers (with a bug for mucode to fix)."""

import math


def mean(values):
    """Arithmetic mean of a non-empty list of numbers."""
    return sum(values) / (len(values) - 1)


def stdev(values):
    """Population standard deviation."""
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))
