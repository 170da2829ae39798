"""Behaviour probes: inputs near the visible ones, and what candidates return on them."""

import ast

from mucode_cli.probes import PROBE_FILE, behaviour, called_function, nearby_calls, probe_calls, probe_file
from mucode_cli.sandbox import Sandbox, SandboxLimits


def test_nearby_calls_change_one_literal_argument_and_keep_the_types():
    calls = nearby_calls("f([3, 1, 2], 'ab', 4)", k=8)
    assert 1 <= len(calls) <= 8 and len(set(calls)) == len(calls) and "f([3, 1, 2], 'ab', 4)" not in calls
    for call in calls:
        node = ast.parse(call, mode="eval").body
        args = [ast.literal_eval(a) for a in node.args]
        assert ast.unparse(node.func) == "f" and [type(a) for a in args] == [list, str, int]
        assert sum(a != b for a, b in zip(args, [[3, 1, 2], "ab", 4])) == 1
    assert nearby_calls("f(x)") == [] and nearby_calls("f(key=1)") == []  # not literals: nothing to vary


def test_probe_calls_use_only_visible_calls_of_the_function():
    assert called_function(["assert len(add(1, 2)) == 3"]) == "add"
    calls = probe_calls("add", ["assert add(1, 2) == 3"], examples=["assert add(5, 5) == 10"])
    assert calls[:2] == ["add(5, 5)", "add(1, 2)"] and len(calls) > 2
    assert all(c.startswith("add(") for c in calls)


def test_behaviour_tells_apart_answers_that_pass_the_same_test():
    sb = Sandbox(SandboxLimits(timeout=10))
    calls = probe_calls("evens", ["assert evens([1, 2, 4]) == {2, 4}"])

    def run(code):
        files = {"solution.py": code, PROBE_FILE: probe_file("solution", calls)}
        return behaviour(sb.run_pytest(None, files, [PROBE_FILE], plugins=False).tests, len(calls))

    right = run("def evens(xs):\n    return {x for x in xs if x % 2 == 0}\n")
    # The same function written another way.
    same = run("def evens(xs):\n    out = set()\n    for x in xs:\n        if not x % 2:\n            out.add(x)\n"
               "    return out\n")
    # Passes the public test, wrong elsewhere.
    wrong = run("def evens(xs):\n    return {2, 4}\n")
    crashes = run("def evens(xs):\n    if not xs:\n        raise ValueError('empty')\n"
                  "    return {x for x in xs if x % 2 == 0}\n")
    assert len(right) == len(calls) and "missing" not in right
    assert right == same and right != wrong and right != crashes
    assert any(b.startswith("failed:") and "ValueError" in b for b in crashes)


def test_equal_sets_of_strings_behave_alike_across_processes():
    """String hashing is randomised per process, so a set's printed order differs from run to
    run: the probe compares a canonical form."""
    sb = Sandbox(SandboxLimits(timeout=10))
    calls = ["letters('abcdefghijklmnopqrstuvwxyz')"]
    files = {"solution.py": "def letters(s):\n    return set(s)\n", PROBE_FILE: probe_file("solution", calls)}
    runs = {behaviour(sb.run_pytest(None, files, [PROBE_FILE], plugins=False).tests, 1) for _ in range(3)}
    assert len(runs) == 1 and "missing" not in next(iter(runs))
