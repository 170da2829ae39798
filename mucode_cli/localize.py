"""Which functions and lines of a module the failing tests point at, from one traced run.

A traced run (``Sandbox.run_pytest(trace=...)``) says, per test, which of the module's
functions it called and which lines it ran. Code that the failing tests run and the passing
tests do not is suspect: each function and line is scored by the Ochiai coefficient
ef / sqrt(F * (ef + ep)), with ef and ep the failing and passing tests that ran it and F all
failing tests. In a real project one bug fails the tests of its function and of every
caller, and names in a test (``assert ordinalize(13) == "13th"``) point at the caller; the
spectrum points at the function all of them share and the passing tests run least.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass

from .sandbox import RunResult
from .splice import FunctionSpan, enclosing_function, function_spans


def ochiai(failed_here: int, passed_here: int, failed: int) -> float:
    if not failed_here or not failed:
        return 0.0
    return failed_here / math.sqrt(failed * (failed_here + passed_here))


@dataclass
class Suspicion:
    """Functions and lines of the module ranked by how strongly the failing tests point at them."""

    functions: list[tuple[str, float]]  # (qualname, score), best first; only those failing tests ran
    lines: dict[int, float]  # module line (1-based) -> score; empty when lines were not traced

    def top(self, k: int) -> list[str]:
        return [q for q, _ in self.functions[:k]]

    def score(self, qualname: str) -> float:
        return dict(self.functions).get(qualname, 0.0)


def suspicion(source: str, result: RunResult) -> Suspicion | None:
    """The ranking from a traced run of the original, or None if it traced nothing (no
    failing test ran any of the module's functions)."""
    if not result.reach:
        return None
    spans = function_spans(source)
    ok = {t.name: t.ok for t in result.tests}
    failed = [n for n, good in ok.items() if not good and n in result.reach]
    if not failed:
        return None
    fn_counts: dict[str, list[int]] = {}
    line_counts: dict[int, list[int]] = {}
    lines_traced = False
    for name, (calls, lines) in result.reach.items():
        if name not in ok:
            continue
        col = 0 if not ok[name] else 1
        for q in {enclosing_function(spans, first) for first in calls} - {None}:
            fn_counts.setdefault(q, [0, 0])[col] += 1
        if lines is not None:
            lines_traced = True
            for line in _with_continuations(source, lines):
                line_counts.setdefault(line, [0, 0])[col] += 1
    size = {q: s.end - s.start for q, s in spans.items()}
    own = {q: ochiai(ef, ep, len(failed)) for q, (ef, ep) in fn_counts.items() if ef}
    passed_here = {q: ep for q, (_, ep) in fn_counts.items()}
    line_scores = {ln: ochiai(ef, ep, len(failed)) for ln, (ef, ep) in line_counts.items()} if lines_traced else {}
    # With lines traced, a function is as suspect as its most suspect line: a branch only the
    # failing tests take stands out even in a function every test calls (a comparison that
    # all of them go through, a property). Then its own score, then the one fewer passing
    # tests run, then the longer one (a one-line wrapper that every caller passes through is
    # rarely where the bug is), then the module's order.
    if line_scores:
        score = {q: max((v for ln, v in line_scores.items() if q in spans and spans[q].contains(ln)), default=0.0)
                 for q in own}
    else:
        score = dict(own)
    order = {q: i for i, q in enumerate(spans)}
    ranked = sorted(own, key=lambda q: (-round(score[q], 4), -round(own[q], 4), passed_here[q], -size.get(q, 0),
                                        order.get(q, 0)))
    scored = [(q, score[q], passed_here[q]) for q in ranked]
    return Suspicion([(q, round(s, 4)) for q, s, _ in scored], line_scores) if scored else None


def _with_continuations(source: str, lines: frozenset[int]) -> set[int]:
    """The lines ran, with the other lines of each statement whose first line ran (a
    statement over several lines reports only some of them)."""
    out = set(lines)
    for first, last in _statement_ranges(source):
        if first in lines:
            out.update(range(first, last + 1))
    return out


_RANGES: dict[int, list[tuple[int, int]]] = {}


def _statement_ranges(source: str) -> list[tuple[int, int]]:
    key = hash(source)
    if key not in _RANGES:
        ranges = []
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.stmt):
                continue
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.AST):
                # A compound statement: its header, up to its first body line.
                end = body[0].lineno - 1
                if end > node.lineno:
                    ranges.append((node.lineno, end))
            elif node.end_lineno and node.end_lineno > node.lineno:
                ranges.append((node.lineno, node.end_lineno))
        _RANGES.clear()
        _RANGES[key] = ranges
    return _RANGES[key]


def reaching(result: RunResult, functions: list[str], source: str) -> list[str] | None:
    """The tests of a traced run that called any of these functions (None: not traced)."""
    if not result.reach:
        return None
    spans: dict[str, FunctionSpan] = function_spans(source)
    wanted = set(functions)
    return [name for name, (calls, _) in result.reach.items()
            if any(enclosing_function(spans, f) in wanted for f in calls)]
