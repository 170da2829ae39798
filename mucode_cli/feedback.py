"""Turning a sandbox run into the short text a small model sees as feedback."""

from __future__ import annotations

import re

from .sandbox import RunResult

PER_TEST_CHARS = 900
TOTAL_CHARS = 3000
_SANDBOX_PATH = re.compile(r"/\S*?mucode-sandbox-[^/\s]+/work/")


def _clip(text: str, limit: int) -> str:
    text = _SANDBOX_PATH.sub("", text.strip())
    if len(text) <= limit:
        return text
    # Keep the end: for tracebacks the failing line and the error are last.
    return "…\n" + text[-limit:]


def format_feedback(result: RunResult, total_chars: int = TOTAL_CHARS) -> str:
    if result.passed:
        return f"All {result.n_total} tests passed."
    parts = []
    if result.collect_errors:
        parts.append("The tests could not be collected:\n" + _clip("\n".join(result.collect_errors), PER_TEST_CHARS * 2))
    for t in result.tests:
        if t.ok or t.outcome == "not run":
            continue
        if t.outcome == "timeout":
            parts.append(f"{t.name}: timed out after {result.timeout:g} s (an infinite loop?)")
            continue
        head = f"{t.name} {t.outcome.upper()}:"
        body = _clip(t.message, PER_TEST_CHARS)
        if t.captured:
            body += "\n" + _clip(t.captured, 300)
        parts.append(f"{head}\n{body}")
    if not parts:
        parts.append(_no_results(result, PER_TEST_CHARS))
    not_run = sum(t.outcome == "not run" for t in result.tests)
    summary = f"{result.n_passed} of {result.n_total} tests passed"
    if not_run:
        summary += f", {not_run} not run"
    text = "\n\n".join(parts)
    if len(text) > total_chars:
        text = text[:total_chars] + "\n… (more failures cut)"
    return f"{summary}.\n\n{text}"


_NOISE = re.compile(r"^\s*[\^~]+\s*$")  # Python 3.11's caret lines under the failing expression
_ASSERT = re.compile(r"^E\s+(?:AssertionError: )?assert (.+?) == (.+)$")
_WHERE = re.compile(r"^E\s+\+\s+where (.+?) = (.+)$")


def _expected_vs_got(message: str) -> str | None:
    """"f(x) returned A; the test expects B" from pytest's ``assert A == B / where A = f(x)``."""
    lines = message.splitlines()
    for i, line in enumerate(lines):
        m = _ASSERT.match(line.strip())
        if not m:
            continue
        got, want = m.group(1).strip(), m.group(2).strip()
        for nxt in lines[i + 1 : i + 3]:
            w = _WHERE.match(nxt.strip())
            if w and w.group(1).strip() == got:
                return f"{w.group(2).strip()} returned {got}, but the test expects {want}."
            w2 = re.match(r"^E\s+\+\s+where (.+?) = (.+)$", nxt.strip())
            if w2 and w2.group(1).strip() == want:
                return f"{w2.group(2).strip()} returned {want}, but the test expects {got}."
        return None
    return None


def compact_feedback(result: RunResult, max_tests: int = 3, per_test: int = 600) -> str:
    """The failing tests as a small model reads them best: per test the failing line, the
    error, where it happened in the module, and "f(x) returned A, but the test expects B"."""
    if result.passed:
        return f"All {result.n_total} tests passed."
    parts = []
    if result.collect_errors:
        parts.append("The tests could not be collected:\n" + _clip("\n".join(result.collect_errors), per_test * 2))
    failing = [t for t in result.tests if not t.ok and t.outcome != "not run"]
    seen: dict[tuple, str] = {}
    for t in failing[:max_tests]:
        name = t.name.split("::", 1)[-1]
        if t.outcome == "timeout":
            parts.append(f"{name}: timed out after {result.timeout:g} s (an infinite loop?)")
            continue
        lines = [line for line in _SANDBOX_PATH.sub("", t.message).splitlines() if not _NOISE.match(line)]
        # Tests that fail with the same error in the same place: say so in one line.
        where = tuple(line for line in lines if line.startswith("E ") or (":" in line and " in " in line
                                                                           and not line.startswith(" ")))[1:]
        if where and where in seen and any(line.startswith("E ") for line in where):
            parts.append(f"{name} FAILED with the same error as {seen[where]}.")
            continue
        seen.setdefault(where, name)
        body = _clip("\n".join(lines), per_test)
        hint = _expected_vs_got(t.message)
        if hint:
            body += "\n" + hint
        if t.captured:
            body += "\n" + _clip(t.captured, 200)
        parts.append(f"{name} {t.outcome.upper()}:\n{body}")
    if len(failing) > max_tests:
        parts.append(f"(and {len(failing) - max_tests} more failing tests)")
    if not parts:
        parts.append(_no_results(result, per_test))
    return f"{result.n_total - result.n_passed} of {result.n_total} tests fail.\n\n" + "\n\n".join(parts)


def _no_results(result: RunResult, limit: int) -> str:
    """What to say when the run reported no test outcome at all."""
    if result.timed_out:
        return f"The test run timed out after {result.timeout:g} s."
    return ("The test run ended abnormally (exit code "
            f"{result.exit_code}) without reporting results:\n" + _clip(result.output, limit))
