"""mucode: repair Python code until its pytest tests pass, with small local models (µCode)."""

__version__ = "0.1.0"
