"""The ``fix`` environment: the prompts the model is shown for the chosen targets, its
answers read and spliced in, and their test runs (failing tests first on a big suite)."""

from __future__ import annotations

import ast
import copy
import re
import threading
from collections import Counter
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from .answers import code_blocks
from .core import Evaluation, Executor
from .errors import UserError
from .feedback import compact_feedback, format_feedback
from .localize import Suspicion, reaching
from .repair_inputs import RepairInputs, run_tests
from .sandbox import RunResult
from .targets import failing_test_functions
from .splice import (SpliceError, code_key, dedent_code, function_source, function_spans,
                     module_outline, shorten_docstrings, splice, targets_source)

ANSWER_RULES = (
    "Reply with the complete corrected function(s) in a single ```python code block. "
    "Keep the function names. Do not include the tests."
)


@dataclass
class RepairStyle:
    """How fix talks to the model and reads its answers. Every field is a lever that
    ``mucode bench repair --variant KEY=VALUE`` can switch, so each choice is made by
    measurement (docs/benchmarks.md has the ablation)."""

    # Defaults: what measured best on the repair benchmark's development cases (docs/benchmarks.md).
    prompt: str = "v1"  # v1: tests and output first, the function last; v0: context block, function, tests, output
    context: str = "inline"  # v1: the rest of the module as an "inline" list, a python "block", or "none"
    diagnose: bool = False  # v1: ask for one sentence on what is wrong before the code
    feedback: str = "v1"  # v1: compact test output with "f(x) returned A, but the test expects B"; v0: pytest's
    lenient: bool = True  # keep answers with harmless extras or only some of several targets
    preserve: bool = True  # keep the original docstring and comments where the answer dropped them
    unchanged: bool = True  # an answer that changes nothing is not tested, and the next turn says so
    history: str = "fresh"  # later turns: a "fresh" prompt on the latest code, or the whole "chat"
    minimize: bool = True  # undo the parts of a passing fix that the tests do not need
    insist: bool = False  # v1: say that returning the code unchanged is wrong
    # v1: the function is shown with its docstring cut to the first paragraph ("short"; the
    # original comes back in the fix) or in "full". A real function's docstring is often most
    # of its text, and a small model types back all it is shown.
    docstrings: str = "short"
    # Cloze prompts (turn 1's one-line proposals): how many lines after the left-out one they
    # show (0: the rest of the function). Each prompt's reading cost is mostly what follows its
    # line, since what comes before is shared with the prompts of later lines; in a long
    # function of a real project that was most of turn 1's time.
    cloze_after: int = 6

    @classmethod
    def before(cls) -> "RepairStyle":
        """The style of mucode 0.1 (before the repair benchmark), kept for comparisons."""
        return cls(prompt="v0", context="block", feedback="v0", lenient=False, preserve=False, unchanged=False,
                   history="chat", minimize=False, docstrings="full")

    def __post_init__(self):
        choices = {"prompt": ("v0", "v1"), "context": ("block", "inline", "none"), "feedback": ("v0", "v1"),
                   "history": ("chat", "fresh"), "docstrings": ("short", "full")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise UserError(f"repair style {name} must be one of {', '.join(allowed)} "
                                f"(got {getattr(self, name)!r})")
        if not isinstance(self.cloze_after, int) or isinstance(self.cloze_after, bool) or self.cloze_after < 0:
            raise UserError(f"repair style cloze_after must be a whole number >= 0 (got {self.cloze_after!r})")


def _names(targets: list[str]) -> str:
    quoted = [f"`{t}`" for t in targets]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


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
        self._spans = spans
        extra = [q for q in (suspicion.top(SUSPECTS) if suspicion else []) if q in spans and q not in targets]
        # What answers may change: the targets, and the suspects one-line proposals are made in.
        self.editable = list(targets) + (extra[: max(0, SUSPECTS - len(targets))] if self.style.lenient else [])
        self.target_source = self._shown_code(inputs.source)
        # Each function alone, dedented (a method out of its class): what rewrites and cloze
        # proposals are made from; the module does not change, so parsed once.
        self._target_texts = {t: dedent_code(function_source(inputs.source, spans[t])) for t in self.editable}
        self._problem = self._problem_text() if self.style.prompt == "v0" else self._turn_text(inputs.source, baseline)
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
        return self._problem

    def quick_tests(self) -> list[str] | None:
        """The tests that decide a change short of the full files (None: run them all)."""
        return self._stages[-1][1] if self._stages and self._stages[-1][0] == "reaching" else None

    def _shown_code(self, source: str) -> str:
        """The target functions as the model is shown them."""
        code = targets_source(source, self.targets)
        return shorten_docstrings(code) if self.style.docstrings == "short" and self.style.preserve else code

    @property
    def dedups_runs(self) -> bool:
        """True when answers that do the same thing share one test run here (by code key)."""
        return self.style.unchanged

    def suggested_max_tokens(self) -> int:
        # The answer re-types the function plus a little prose: ~1 token per 3 chars.
        return int(min(1024, max(256, len(self.target_source) / 3 * 1.6 + 160)))

    # -- prompts ---------------------------------------------------------------------------
    def _failing_tests_source(self, result: RunResult | None = None, limit: int = 6) -> str:
        chunks: list[str] = []
        seen: set[int] = set()
        for _, node, src in failing_test_functions(self.inputs, result or self.baseline):
            if id(node) in seen:
                continue
            seen.add(id(node))
            text = ast.get_source_segment(src, node) or ""
            if text and text not in chunks:  # a parametrized test fails once per case
                chunks.append(text)
            if len(chunks) >= limit:
                break
        return "\n\n".join(chunks)

    def _problem_text(self) -> str:
        outline = module_outline(self.inputs.source, set(self.targets))
        names = ", ".join(f"`{t}`" for t in self.targets)
        parts = [f"The Python module `{self.inputs.module_rel}` has a bug: some of its tests fail. "
                 f"Fix {names}."]
        if outline.strip():
            parts.append(f"Rest of the module (imports and other definitions):\n```python\n{outline}\n```")
        parts.append(f"Function(s) to fix:\n```python\n{self.target_source.rstrip()}\n```")
        tests = self._failing_tests_source()
        if tests:
            parts.append(f"Failing tests (from {', '.join(self.inputs.tests_rel)}):\n```python\n{tests}\n```")
        return "\n\n".join(parts)

    def _test_output(self, result: RunResult) -> str:
        return compact_feedback(result) if self.style.feedback == "v1" else format_feedback(result)

    def _context_line(self, source: str) -> str:
        """The rest of the module as one line of prose: it informs without offering a code
        block that a small model would copy as its answer."""
        outline = module_outline(source, set(self.targets))
        items = [line.strip().removesuffix(": ...").removesuffix(":") for line in outline.splitlines()
                 if line.strip() and line.strip() != "..."]
        # What the targets use comes first: the functions and methods they call, the module
        # constants they read (with their values where short); a real module has far more
        # than fits, and its first definitions are seldom the ones that matter.
        used = _names_in(self.target_source)
        first = [i for i in items if _defined_name(i) in used]
        items = first + _constants(source, used) + [i for i in items if i not in first]
        if not items:
            return ""
        return (f"The rest of `{self.inputs.module_rel}` (leave it as it is): "
                + "; ".join(f"`{i}`" for i in items[:12]) + ("; …" if len(items) > 12 else "") + ".")

    def answer_rule(self) -> str:
        if self.style.prompt == "v0":
            return ANSWER_RULES
        what = f"the corrected {_names(self.targets)}"
        rule = (f"Reply with {what} in one ```python code block: the whole function"
                f"{'s' if len(self.targets) > 1 else ''}, same name and signature, with the smallest change that "
                "makes the tests pass. No tests, no usage examples.")
        if self.style.diagnose:
            # A fixed form: asked for "a sentence, then the code", a small model often stops
            # after the sentence; a template it fills in keeps the code coming.
            rule += ("\n\nAnswer in this form:\nBug: <one sentence: which line is wrong and why>\n"
                     f"```python\n<the corrected {_names(self.targets)}>\n```")
        return rule

    def _turn_text(self, source: str, result: RunResult, note: str = "") -> str:
        """v1: the failing tests and their output first, the code to fix last, where a small
        model continues from it; then one rule saying exactly what to return."""
        shown = self._shown_code(source)
        failing = f"{result.n_total - result.n_passed} of {result.n_total}" if result.n_total else "the"
        verb = "has" if len(self.targets) == 1 else "have"
        parts = [f"{_names(self.targets)} in `{self.inputs.module_rel}` {verb} a bug: {failing} tests fail."]
        tests = self._failing_tests_source(result, limit=3)
        if tests:
            parts.append(f"Failing tests ({', '.join(self.inputs.tests_rel)}):\n```python\n{tests}\n```")
        parts.append(f"Test output:\n```\n{self._test_output(result)}\n```")
        if self.style.context == "block":
            outline = module_outline(source, set(self.targets))
            if outline.strip():
                parts.append(f"Rest of the module (imports and other definitions):\n```python\n{outline}\n```")
        elif self.style.context == "inline":
            line = self._context_line(source)
            if line:
                parts.append(line)
        if note:
            parts.append(note)
        if self.style.insist:
            parts.append("The code below fails these tests, so returning it unchanged is wrong: find the mistake "
                         "and change it.")
        parts.append(f"The code to fix:\n```python\n{shown.rstrip()}\n```")
        return "\n\n".join(parts)

    def initial_messages(self) -> list[dict]:
        if self.style.prompt == "v0":
            content = f"{self.problem}\n\nTest output:\n```\n{format_feedback(self.baseline)}\n```\n\n{ANSWER_RULES}"
        else:
            content = f"{self.problem}\n\n{self.answer_rule()}"
        return [{"role": "user", "content": content}]

    def rewrite_messages(self) -> list[dict]:
        """Another way in: write the function afresh from its signature, docstring and the
        failing tests, without the buggy body that a small model tends to copy back."""
        stubs = []
        for t in self.targets:
            stubs.append(_signature_and_docstring(self._target_texts[t]))
        tests = self._failing_tests_source(limit=4)
        parts = [f"Write the Python function{'s' if len(stubs) > 1 else ''} {_names(self.targets)} for "
                 f"`{self.inputs.module_rel}` so that these tests pass.",
                 f"Tests ({', '.join(self.inputs.tests_rel)}):\n```python\n{tests}\n```"]
        parts.append("Signature and description:\n```python\n" + "\n\n".join(stubs).rstrip() + "\n```")
        parts.append(f"Reply with the complete function{'s' if len(stubs) > 1 else ''} in one ```python code "
                     "block, same name and signature. No tests.")
        return [{"role": "user", "content": "\n\n".join(parts)}]

    # -- cloze: one line at a time ----------------------------------------------------------
    def cloze_prompts(self, fim: tuple[str, str, str], limit: int) -> list[tuple[str, tuple[str, int]]]:
        """Fill-in-the-middle prompts, one per line of the target functions' bodies: the
        failing tests, then the function with that one line left out. Shown a whole function,
        a small model mostly types it back unchanged; asked for one missing line, it has to
        write that line afresh. ``fim``: the model's (prefix, suffix, middle) markers.
        Returns (prompt, tag) pairs, at most ``limit``; the tag goes back to ``cloze_answer``."""
        pre, suf, mid = fim
        tests = self._failing_tests_source(limit=4)
        head = f"# {self.inputs.module_rel}\n"
        if tests:
            head = f"# Tests ({', '.join(self.inputs.tests_rel)}):\n{tests}\n\n\n" + head
        out = []
        for t, i in self._cloze_order()[:limit]:
            lines = self._target_texts[t].splitlines(keepends=True)
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            after = lines[i + 1:i + 1 + self.style.cloze_after] if self.style.cloze_after else lines[i + 1:]
            prefix, suffix = head + "".join(lines[:i]) + indent, "".join(after)
            out.append((f"{pre}{prefix}{suf}{suffix}{mid}", (t, i)))
        return out

    def _cloze_order(self) -> list[tuple[str, int]]:
        """The (function, line index) pairs to propose lines for: in the targets' order, or,
        with a traced run's line scores, the lines the failing tests point at most first."""
        items = [(t, i) for t in self.editable for i in _body_lines(self._target_texts[t])]
        lines = self.suspicion.lines if self.suspicion else {}
        if not lines:
            return [(t, i) for t, i in items if t in self.targets]
        rank = {t: k for k, t in enumerate(self.editable)}
        score = {(t, i): lines.get(self._spans[t].start + i, 0.0) for t, i in items}
        return sorted(items, key=lambda ti: (-score[ti], rank[ti[0]], ti[1]))

    def cloze_line(self, tag: tuple[str, int]) -> str:
        """The line a cloze prompt leaves out, as written (without its indent, which ends
        the prompt)."""
        target, i = tag
        return self._target_texts[target].splitlines()[i].strip() + "\n"

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
                known = _from_run(self.baseline, sp, self._test_output(self.baseline))
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
        ev = _from_run(r, sp, self._test_output(r))
        ev.seconds = seconds
        ev.key = key
        with self._lock:
            self.test_runs.update(runs)
            self.test_seconds += ev.seconds
        return ev

    # -- later turns -----------------------------------------------------------------------
    def _what_went_wrong(self, ev: Evaluation) -> str:
        if not ev.valid:
            return f"Your last answer could not be used: {ev.reason}."
        if ev.unchanged:
            return (f"Your last answer did not change {_names(self.targets)}: it is the same code that fails the "
                    "tests. Find the mistake and change it.")
        broke = [name.split("::", 1)[-1] for name, ok in self.baseline_outcomes().items()
                 if ok and not ev.outcomes.get(name, False)]
        msg = "Your last answer still fails the tests."
        if broke:
            msg += f" It also broke test(s) that passed before: {', '.join(broke[:5])}."
        return msg

    def baseline_outcomes(self) -> dict[str, bool]:
        return {t.name: t.ok for t in self.baseline.tests}

    def feedback_message(self, ev: Evaluation) -> str:
        if ev.key is not None:
            self._shown.add(ev.key)
        if self.style.feedback == "v0":
            if not ev.valid:
                return f"Your answer could not be used: {ev.reason}.\n\n{ANSWER_RULES}"
            return f"The tests still fail with your version.\n\nTest output:\n```\n{ev.feedback}\n```\n\n{ANSWER_RULES}"
        parts = [self._what_went_wrong(ev)]
        if ev.valid:
            parts.append(f"Test output:\n```\n{ev.feedback}\n```")
        parts.append(self.answer_rule())
        return "\n\n".join(parts)

    def next_messages(self, messages: list[dict], answer: str, ev: Evaluation) -> list[dict]:
        """The conversation for the next turn: the chat so far plus the feedback, or with
        ``history="fresh"`` one new message about the latest code (what a small model,
        which loses its way in long chats, repairs best)."""
        text = self.feedback_message(ev)
        if self.style.history == "chat":
            return messages + [{"role": "assistant", "content": answer}, {"role": "user", "content": text}]
        good = ev.valid and not ev.unchanged and ev.source is not None and ev.run is not None
        source, run = (ev.source, ev.run) if good else (self.inputs.source, self.baseline)
        if good:
            note = "This is your last attempt; it still fails the tests."
        else:
            note = self._what_went_wrong(ev)
        return [{"role": "user", "content": f"{self._turn_text(source, run, note)}\n\n{self.answer_rule()}"}]


def _from_run(r: RunResult, sp, feedback: str | None = None) -> Evaluation:
    return Evaluation(
        valid=True, passed=r.passed, n_passed=r.n_passed, n_total=r.n_total,
        feedback=feedback if feedback is not None else format_feedback(r), code=sp.code, cost=sp.changed_lines,
        outcomes={t.name: t.ok for t in r.tests}, seconds=r.seconds,
        source=sp.source, run=r,
    )


def _names_in(code: str) -> set[str]:
    try:
        tree = ast.parse(dedent_code(code))
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | \
        {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


def _defined_name(item: str) -> str | None:
    m = re.match(r"(?:async\s+)?(?:def|class)\s+(\w+)", item)
    return m.group(1) if m else None


def _constants(source: str, used: set[str], width: int = 60) -> list[str]:
    """``NAME = value`` for the module-level names in ``used`` that plain assignments bind,
    the value cut to ``width`` characters."""
    out = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id in used:
            value = " ".join((ast.get_source_segment(source, node.value) or "…").split())
            out.append(f"{node.targets[0].id} = {value[:width]}{'…' if len(value) > width else ''}")
    return out


def _signature_and_docstring(func_src: str) -> str:
    """The function's decorators, ``def`` line(s) and docstring, with ``...`` for the body."""
    node = ast.parse(func_src).body[0]
    lines = func_src.splitlines()
    first = node.body[0]
    if first.lineno == node.lineno:  # `def f(x): return x` on one line
        stub = copy.deepcopy(node)
        stub.body, stub.decorator_list = [ast.Expr(ast.Constant(...))], []
        return ast.unparse(stub) + "\n"
    head = lines[: first.lineno - 1]
    indent = lines[first.lineno - 1][: len(lines[first.lineno - 1]) - len(lines[first.lineno - 1].lstrip())]
    doc = []
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        doc = lines[first.lineno - 1 : first.end_lineno]
    return "\n".join(head + doc + [indent + "..."]) + "\n"


def _body_lines(func_src: str) -> list[int]:
    """0-based indices of a function's body lines that hold code: not its ``def`` line(s) or
    decorators, not the docstring, not blank or comment-only lines."""
    node = ast.parse(func_src).body[0]
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        skip = set(range(body[0].lineno, body[0].end_lineno + 1))
        body = body[1:]
    else:
        skip = set()
    if not body:
        return []
    lines = func_src.splitlines()
    first = min(n.lineno for n in body)
    if first == node.lineno:  # `def f(x): return x` on one line: nothing to leave out alone
        return []
    return [i - 1 for i in range(first, node.end_lineno + 1)
            if i not in skip and lines[i - 1].strip() and not lines[i - 1].strip().startswith("#")]
