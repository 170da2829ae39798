"""Benchmarks: the paper's evaluation tasks (HumanEval, MBPP) and speed measurements."""
