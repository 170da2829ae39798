"""Which functions ``fix`` repairs: named by the user, else those the failing tests'
tracebacks, the traced run's spectrum and the names the tests call point at."""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .errors import UserError
from .localize import Suspicion
from .repair_inputs import RepairInputs
from .sandbox import RunResult
from .splice import enclosing_function, function_spans

def failing_test_functions(inputs: RepairInputs, result: RunResult) -> Iterator[tuple[str, ast.AST, str]]:
    """The AST of each failing test function (nodeid -> file, class, function), lazily: a
    parametrized suite can fail thousands of times in one function of a big file, so each
    file is parsed once and each function looked up once."""
    trees: dict[str, ast.Module] = {}
    found: dict[tuple[str, str], ast.AST | None] = {}
    for t in result.tests:
        if t.ok:
            continue
        path, _, rest = t.name.partition("::")
        src = inputs.test_sources.get(path)
        if src is None:
            continue
        where = (path, re.sub(r"\[.*\]$", "", rest))
        if where not in found:
            if path not in trees:
                trees[path] = ast.parse(src)
            body, node = trees[path].body, None
            for p in where[1].split("::"):
                node = next((n for n in body if getattr(n, "name", None) == p), None)
                if node is None:
                    break
                body = getattr(node, "body", [])
            found[where] = node
        if found[where] is not None:
            yield t.name, found[where], src


def choose_targets(inputs: RepairInputs, result: RunResult, explicit: list[str] | None = None,
                   suspicion: Suspicion | None = None) -> list[str]:
    """The functions to repair: chosen by the user, else those the failures point at
    (``suspicion``: the ranking of a traced run, ``localize``)."""
    spans = function_spans(inputs.source)
    if explicit:
        for name in explicit:
            if name not in spans:
                known = ", ".join(spans) or "none"
                raise UserError(f"no function {name!r} in {inputs.module_rel} (functions: {known})")
        return list(dict.fromkeys(explicit))
    if not spans:
        raise UserError(f"{inputs.module_rel} defines no functions to repair")
    found: list[str] = []
    # 1. Functions of the module that the failing tracebacks pass through.
    pat = re.compile(rf"(?:^|[\s/]){re.escape(inputs.module_rel)}:(\d+): in ", re.M)
    base = re.compile(rf"(?:^|[\s/]){re.escape(Path(inputs.module_rel).name)}:(\d+): in ", re.M)
    texts = [t.message for t in result.tests if not t.ok] + result.collect_errors
    for text in texts:
        for m in list(pat.finditer(text)) or list(base.finditer(text)):
            q = enclosing_function(spans, int(m.group(1)))
            if q and q not in found:
                found.append(q)
    # A traced run ranks the functions the failing tests ran (localize): of the frames a
    # traceback passes through, or of all, the one they point at most strongly. One
    # function, since a prompt with several makes a small model type them all back.
    ranked = [q for q in (suspicion.top(len(spans)) if suspicion else []) if q in spans]
    if found:
        # Frames equally suspect: the innermost, where the exception was raised.
        among = sorted((q for q in ranked if q in found), key=lambda q: (-suspicion.score(q), -found.index(q)))
        return among[:1] or found
    # Several functions at the top score: the spectrum cannot tell them apart (one failing
    # test that runs them all); the names the tests call decide among them.
    tied = [q for q in ranked if suspicion.score(q) == suspicion.score(ranked[0])] if ranked else []
    if len(tied) == 1:
        return tied
    # 2. Functions the failing tests call by name (the usual `assert f(x) == y` case). In a big
    # test file one bug fails many tests of its function and a few of others that use it
    # (156 failures of `pluralize`, 5 of `tableize`, which calls it): keep the functions
    # called by at least half as many failing tests as the most called one.
    shorts: dict[str, list[str]] = {}
    for q in spans:
        shorts.setdefault(q.rsplit(".", 1)[-1], []).append(q)
    calls: Counter[str] = Counter()
    named_in: dict[int, set[str]] = {}  # per test function; its parametrized cases count each
    for _, node, _ in failing_test_functions(inputs, result):
        if id(node) not in named_in:
            named = named_in[id(node)] = set()
            for sub in ast.walk(node):
                name = sub.id if isinstance(sub, ast.Name) else sub.attr if isinstance(sub, ast.Attribute) else None
                for q in shorts.get(name or "", []):
                    if q not in found:
                        found.append(q)
                    named.add(q)
        calls.update(named_in[id(node)])
    if found:
        top = max(calls.values())
        named_most = [q for q in found if 2 * calls[q] >= top]
        if not tied:
            return named_most
        # Among the tied, the names decide; a name the tests call that the spectrum ranks
        # lower is a caller, not the bug: then the spectrum's first stands.
        return [q for q in named_most if q in tied] or tied[:1]
    if tied:
        return tied[:1]
    if len(spans) <= 3:
        return list(spans)
    raise UserError(f"cannot tell which function in {inputs.module_rel} to repair; pass --function NAME")
