"""The ``fix`` environment the search loop works in: the chosen targets, the model's answers
read and spliced in, and their test runs (failing tests first on a big suite). What the model
is shown is ``repair_prompts``'s."""

from __future__ import annotations

import ast
import copy
import re
import threading
from collections import Counter
from concurrent.futures import Future
from pathlib import Path

from .answers import code_blocks
from .core import Evaluation, Executor
from .feedback import format_feedback
from .localize import Suspicion, reaching
from .repair_inputs import RepairInputs, run_tests
from .repair_prompts import RepairPrompts
from .repair_style import RepairStyle
from .sandbox import RunResult
from .splice import SpliceError, code_key, dedent_code, function_source, function_spans, splice

# Below this many already-passing tests a full run costs about what a run of the failing
# tests does (pytest's start-up dominates), and the one full run per candidate is simpler.
FAILING_FIRST_FROM = 20
FAILING_SAMPLE = 12  # more failing tests than this: a few of them are run first


def _spread(names: list[str], k: int) -> list[str]:
    """Up to ``k`` of the test ids, as many test functions as possible among them (the cases
    of one parametrized test mostly fail alike), in their order."""
    if len(names) <= k:
        return list(names)
    picked, seen = [], set()
    for n in names:
        base = re.sub(r"\[.*\]$", "", n)
        if base not in seen:
            seen.add(base)
            picked.append(n)
    taken = set(picked)
    rest = [n for n in names if n not in taken]
    step = max(1, len(rest) // max(1, k - len(picked))) if len(picked) < k else 1
    return (picked + rest[::step])[:k] if len(picked) < k else picked[:k]


# Functions one-line proposals may be made in: the targets and the next most suspect ones.
SUSPECTS = 3


class RepairEnvironment:
    """One ``mucode fix`` problem, seen by the search loop."""

    def __init__(self, inputs: RepairInputs, targets: list[str], baseline: RunResult, sandbox: Executor,
                 style: RepairStyle | None = None, skip_from: int = FAILING_FIRST_FROM,
                 suspicion: Suspicion | None = None):
        """``skip_from``: with at least this many tests passing already, a candidate runs the
        failing tests first and the full files only if it passes them (0: always in full).
        ``suspicion``: the ranking of a traced run of the original (``localize``): one-line
        proposals are then made for the lines the failing tests point at most, in the targets
        and in the next most suspect functions (which answers may then change too)."""
        self.inputs = inputs
        self.targets = targets
        self.baseline = baseline
        self.sandbox = sandbox
        self.style = style or RepairStyle()
        self.suspicion = suspicion
        spans = function_spans(inputs.source)
        extra = [q for q in (suspicion.top(SUSPECTS) if suspicion else []) if q in spans and q not in targets]
        # What answers may change: the targets, and the suspects one-line proposals are made in.
        self.editable = list(targets) + (extra[: max(0, SUSPECTS - len(targets))] if self.style.lenient else [])
        # Each function alone, dedented (a method out of its class): what rewrites and cloze
        # proposals are made from; the module does not change, so parsed once.
        self._target_texts = {t: dedent_code(function_source(inputs.source, spans[t])) for t in self.editable}
        self.prompts = RepairPrompts(inputs, targets, self.editable, baseline, self.style, spans,
                                     self._target_texts, suspicion)
        # Answers that do the same thing share one test run (keyed by code_key of the module).
        self._lock = threading.Lock()
        self._runs: dict[str, Future] = {}
        self._original_key = code_key(inputs.source)
        self._shown = {self._original_key}  # code the model was asked to fix: "unchanged" if answered back
        failing = [t.name for t in baseline.tests if not t.ok]
        skipped = baseline.n_total - len(failing)
        self._failing_first = failing if failing and skip_from and skipped >= skip_from else None
        # Then the tests that run the functions answers may change (from the traced run):
        # only a candidate that passes those too needs the whole files, where a big suite is
        # mostly tests that never reach them.
        self._stages: list[tuple[str, list[str]]] = []
        if self._failing_first:
            sample = _spread(failing, FAILING_SAMPLE)
            if len(sample) < len(failing):
                # Thousands of failing cases of a parametrized test (a bug in a parser) take as
                # long to run as a small suite: most candidates fail a few of them already.
                self._stages.append(("sample", sample))
            self._stages.append(("failing", failing))
            reach = reaching(baseline, self.editable, inputs.source)
            if reach is not None:
                others = sorted(set(reach) - set(failing))
                if others and len(others) + len(failing) <= baseline.n_total // 2:
                    self._stages.append(("reaching", failing + others))
        self.test_runs: Counter[str] = Counter()  # "failing" (those tests only) and "full" runs made
        self.test_seconds = 0.0  # of all those runs (they overlap generation)

    @property
    def problem(self) -> str:
        return self.prompts.problem

    def quick_tests(self) -> list[str] | None:
        """The tests that decide a change short of the full files (None: run them all)."""
        return self._stages[-1][1] if self._stages and self._stages[-1][0] == "reaching" else None

    @property
    def dedups_runs(self) -> bool:
        """True when answers that do the same thing share one test run here (by code key)."""
        return self.style.unchanged

    def suggested_max_tokens(self) -> int:
        # The answer re-types the function plus a little prose: ~1 token per 3 chars.
        return int(min(1024, max(256, len(self.prompts.target_source) / 3 * 1.6 + 160)))

    def cloze_answer(self, tag: tuple[str, int], text: str) -> str:
        """The answer a cloze completion stands for: the target function with its line
        replaced. A line that does not parse in place proposes nothing: the function as it
        was (an unchanged answer, not a discarded one)."""
        target, i = tag
        lines = self._target_texts[target].splitlines(keepends=True)
        new = text.split("\n", 1)[0].strip()
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        changed = lines[:i] + [f"{indent}{new}\n"] + lines[i + 1:]
        try:
            ast.parse("".join(changed))
        except SyntaxError:
            changed = lines
        return "```python\n" + "".join(changed).rstrip() + "\n```"

    # -- answers ---------------------------------------------------------------------------
    def _pick_code(self, answer: str) -> str:
        """The answer's block that defines a target (a small model may first echo the context)."""
        blocks = code_blocks(answer)
        if not blocks:
            return ""
        if self.style.lenient:
            shorts = {t.rsplit(".", 1)[-1] for t in self.editable}
            for b in blocks:
                if any(re.search(rf"^\s*(?:async\s+)?def\s+{re.escape(s)}\s*\(", b, re.M) for s in shorts):
                    return b
        return blocks[0]

    def evaluate(self, answer: str) -> Evaluation:
        code = self._pick_code(answer)
        if not code.strip():
            return Evaluation(False, False, reason="the answer has no code")
        try:
            sp = splice(self.inputs.source, self.editable, code, Path(self.inputs.module_rel).stem,
                        lenient=self.style.lenient, preserve=self.style.preserve)
        except SpliceError as e:
            return Evaluation(False, False, reason=str(e), code=code)
        key = code_key(sp.source)
        if self.style.unchanged and key in self._shown:
            # The code the model was shown, given back: its result is known, no test run.
            if key == self._original_key:
                known = _from_run(self.baseline, sp, self.prompts.test_output(self.baseline))
            else:
                known = self._known(key)
            if known is not None:
                ev = copy.copy(known)
                ev.unchanged, ev.seconds, ev.code = True, 0.0, sp.code
                ev.reason = "the answer does not change the code"
                ev.source, ev.key = sp.source, key
                return ev
        if not self.style.unchanged:
            return self._run(sp, key)
        with self._lock:
            fut = self._runs.get(key)
            mine = fut is None
            if mine:
                fut = self._runs[key] = Future()
        if not mine:
            ev = copy.copy(fut.result())  # the same code as another answer: its run, not a new one
            ev.code, ev.source = sp.code, sp.source
            return ev
        try:
            ev = self._run(sp, key)
        except BaseException as e:
            fut.set_exception(e)
            raise
        fut.set_result(ev)
        return ev

    def _known(self, key: str) -> Evaluation | None:
        with self._lock:
            fut = self._runs.get(key)
        return fut.result() if fut is not None else None

    def _run(self, sp, key: str) -> Evaluation:
        runs, r, seconds = [], None, 0.0
        # A big test suite: the tests that fail now decide most candidates, in a fraction of
        # the time; only a candidate that passes them (and then the tests that reach the code
        # it changes) gets the full run, which alone can catch a regression and call it fixed.
        for stage, only in self._stages:
            quick = run_tests(self.inputs, self.sandbox, sp.source, only=only).against(self.baseline, expected=only)
            runs.append("failing" if stage == "sample" else stage)
            seconds += quick.seconds
            if not quick.passed:
                r = quick.merged(self.baseline)
                break
        if r is None:
            r = run_tests(self.inputs, self.sandbox, sp.source).against(self.baseline)
            runs.append("full")
            seconds += r.seconds
        ev = _from_run(r, sp, self.prompts.test_output(r))
        ev.seconds = seconds
        ev.key = key
        with self._lock:
            self.test_runs.update(runs)
            self.test_seconds += ev.seconds
        return ev

    # -- what the model is shown (repair_prompts) ------------------------------------------
    def initial_messages(self) -> list[dict]:
        return self.prompts.initial_messages()

    def rewrite_messages(self) -> list[dict]:
        return self.prompts.rewrite_messages()

    def answer_rule(self) -> str:
        return self.prompts.answer_rule()

    def cloze_prompts(self, fim: tuple[str, str, str], limit: int) -> list[tuple[str, tuple[str, int]]]:
        return self.prompts.cloze_prompts(fim, limit)

    def cloze_line(self, tag: tuple[str, int]) -> str:
        return self.prompts.cloze_line(tag)

    def baseline_outcomes(self) -> dict[str, bool]:
        return {t.name: t.ok for t in self.baseline.tests}

    def feedback_message(self, ev: Evaluation) -> str:
        if ev.key is not None:
            self._shown.add(ev.key)  # the model has now seen this code: given back, it is "unchanged"
        return self.prompts.feedback(ev)

    def next_messages(self, messages: list[dict], answer: str, ev: Evaluation) -> list[dict]:
        if ev.key is not None:
            self._shown.add(ev.key)
        return self.prompts.next_messages(messages, answer, ev)


def _from_run(r: RunResult, sp, feedback: str | None = None) -> Evaluation:
    return Evaluation(
        valid=True, passed=r.passed, n_passed=r.n_passed, n_total=r.n_total,
        feedback=feedback if feedback is not None else format_feedback(r), code=sp.code, cost=sp.changed_lines,
        outcomes={t.name: t.ok for t in r.tests}, seconds=r.seconds,
        source=sp.source, run=r,
    )

