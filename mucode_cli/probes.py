"""Behaviour probes: what a candidate returns on inputs near the ones the tests use.

Several answers often pass the one public test and differ elsewhere; most wrong ones are
wrong in their own way, while correct ones agree. So the answers that pass are run on
probe inputs (the calls of the visible examples, and those calls with one argument
changed), and each gets a *behaviour*: one short hash per probe of what it returned or
raised. Selection prefers the behaviour most candidates share (agreement, as in MBR-exec).
A probe's expected value is never known or needed: only the inputs come from the tests.
"""

from __future__ import annotations

import ast
import builtins
import random
import re

PROBE_FILE = "test_probes.py"
_OUT = re.compile(r"OUT:([0-9a-f]{12})")


def called_function(tests: list[str]) -> str:
    """The function the tests exercise: the first call of a name that is not a builtin."""
    for test in tests:
        try:
            tree = ast.parse(test)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not hasattr(builtins, node.func.id):
                return node.func.id
    return ""


def calls_of(test: str, name: str) -> list[str]:
    """The calls of ``name`` in a test's source, as source text."""
    try:
        tree = ast.parse(test)
    except SyntaxError:
        return []
    return [ast.unparse(n) for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name]


def _variants(v, rng: random.Random) -> list:
    """Values near ``v`` of the same type: edges (empty, zero) and small changes."""
    if isinstance(v, bool):
        return [not v]
    if isinstance(v, int):
        return [v + 1, v - 1, 0, v * 2, -v, v + 7]
    if isinstance(v, float):
        return [v + 1.5, v / 2, 0.0, -v]
    if isinstance(v, str):
        return [v[::-1], v[:-1], v + v[:1], "", v.upper(), v[1:]]
    if isinstance(v, (list, tuple)):
        kind, items = type(v), list(v)
        out = [kind(items[::-1]), kind(items[:-1]), kind(items[1:]), kind(items + items[:1]), kind()]
        if items:
            k = rng.randrange(len(items))
            near = _variants(items[k], rng)
            if near:
                changed = items[:]
                changed[k] = rng.choice(near)
                out.append(kind(changed))
            try:
                out.append(kind(sorted(items)))
            except TypeError:
                pass
        return out
    if isinstance(v, dict) and v:
        return [dict(list(v.items())[1:])]
    return []


def nearby_calls(call: str, k: int = 8, seed: int = 0) -> list[str]:
    """Up to ``k`` calls like ``call`` with one literal argument changed (none if its
    arguments are not all literals)."""
    node = ast.parse(call, mode="eval").body
    if not isinstance(node, ast.Call) or node.keywords or not node.args:
        return []
    try:
        args = [ast.literal_eval(a) for a in node.args]
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return []
    name = ast.unparse(node.func)
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(k * 4):
        i = rng.randrange(len(args))
        near = _variants(args[i], rng)
        if not near:
            continue
        new = args[:]
        new[i] = rng.choice(near)
        text = f"{name}({', '.join(repr(a) for a in new)})"
        if text != call and text not in out:
            out.append(text)
        if len(out) >= k:
            break
    return out


def probe_calls(name: str, public_tests: list[str], examples: list[str] = (), per_call: int = 8) -> list[str]:
    """The probes of a problem: the calls of the visible examples and of the public tests,
    and calls near the public tests' ones."""
    public = [call for test in public_tests for call in calls_of(test, name)]
    calls = [call for test in examples for call in calls_of(test, name)] + public
    for call in public:
        calls += nearby_calls(call, per_call)
    return list(dict.fromkeys(calls))


# Canonical text of a value, so that equal results hash alike across processes: sets in a
# stable order (string hashing is randomised per process), floats to 9 significant digits.
_CANON = '''
def _canon(v):
    if isinstance(v, float):
        return float(f"{v:.9g}")
    if isinstance(v, (list, tuple)):
        return type(v)(_canon(x) for x in v)
    if isinstance(v, dict):
        return {_canon(k): _canon(x) for k, x in v.items()}
    if isinstance(v, (set, frozenset)):
        items = [_canon(x) for x in v]
        try:
            return ("set", sorted(items))
        except TypeError:
            return ("set", sorted(map(repr, items)))
    return v
'''


def probe_file(module: str, calls: list[str], setup: str = "", checks: list[str] = ()) -> str:
    """A pytest file with one test per probe. Each test fails on purpose with the hash of
    what the call returned, so the run reports it; a call that raises reports its error.
    ``checks``: assert statements whose expected values the prompt shows (its examples),
    each a test of its own that passes or fails as written."""
    lines = ["import hashlib as _hashlib", f"from {module} import *", setup.strip(), _CANON]
    for i, call in enumerate(calls):
        lines.append(f"def test_probe_{i}():\n    _r = repr(_canon({call}))\n"
                     "    raise AssertionError('OUT:' + _hashlib.md5(_r.encode()).hexdigest()[:12])\n")
    for i, check in enumerate(checks):
        body = "\n".join("    " + line for line in check.strip().splitlines())
        lines.append(f"def test_check_{i}():\n{body}\n")
    return "\n".join(lines)


def checks_passed(tests) -> int:
    """How many of ``probe_file``'s checks a run passed."""
    return sum(1 for t in tests if t.name.split("::", 1)[-1].startswith("test_check_") and t.ok)


def behaviour(tests, n: int) -> tuple[str, ...]:
    """One entry per probe from a run's test outcomes: the hash of the result, or the error."""
    by_name = {t.name.split("::", 1)[-1]: t for t in tests}
    out = []
    for i in range(n):
        t = by_name.get(f"test_probe_{i}")
        if t is None:
            out.append("missing")
            continue
        m = _OUT.search(t.message)
        if m:
            out.append(m.group(1))
        else:
            error = next((line for line in t.message.splitlines() if line.startswith("E ")), t.outcome)
            out.append(f"{t.outcome}:{error[:80]}")
    return tuple(out)
