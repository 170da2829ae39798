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
        if result.timed_out:
            parts.append(f"The test run timed out after {result.timeout:g} s.")
        else:
            parts.append("The test run ended abnormally (exit code "
                         f"{result.exit_code}) without reporting results:\n" + _clip(result.output, PER_TEST_CHARS))
    not_run = sum(t.outcome == "not run" for t in result.tests)
    summary = f"{result.n_passed} of {result.n_total} tests passed"
    if not_run:
        summary += f", {not_run} not run"
    text = "\n\n".join(parts)
    if len(text) > total_chars:
        text = text[:total_chars] + "\n… (more failures cut)"
    return f"{summary}.\n\n{text}"
