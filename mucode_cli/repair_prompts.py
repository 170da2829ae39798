"""What ``fix`` shows the model: the first turn's prompt, a later turn's after a failed answer,
a rewrite from the signature, and the one-line (fill-in-the-middle) cloze prompts."""

from __future__ import annotations

import ast
import copy
import re

from .core import Evaluation
from .feedback import compact_feedback, format_feedback
from .localize import Suspicion
from .repair_inputs import RepairInputs
from .repair_style import RepairStyle
from .sandbox import RunResult
from .splice import FunctionSpan, dedent_code, module_outline, shorten_docstrings, targets_source
from .targets import failing_test_functions

ANSWER_RULES = (
    "Reply with the complete corrected function(s) in a single ```python code block. "
    "Keep the function names. Do not include the tests."
)


def names(targets: list[str]) -> str:
    """`a`, `a` and `b`, `a`, `b` and `c`."""
    quoted = [f"`{t}`" for t in targets]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


class RepairPrompts:
    """The texts of one ``fix`` problem. ``editable``: the functions answers may change (the
    targets first); ``texts``: each of them alone, dedented, as cloze prompts show them."""

    def __init__(self, inputs: RepairInputs, targets: list[str], editable: list[str], baseline: RunResult,
                 style: RepairStyle, spans: dict[str, FunctionSpan], texts: dict[str, str],
                 suspicion: Suspicion | None = None):
        self.inputs = inputs
        self.targets = targets
        self.editable = editable
        self.baseline = baseline
        self.style = style
        self.suspicion = suspicion
        self._spans = spans
        self._texts = texts
        self.target_source = self.shown_code(inputs.source)
        self.problem = self._problem_text() if style.prompt == "v0" else self._turn_text(inputs.source, baseline)

    def shown_code(self, source: str) -> str:
        """The target functions as the model is shown them."""
        code = targets_source(source, self.targets)
        return shorten_docstrings(code) if self.style.docstrings == "short" and self.style.preserve else code

    def test_output(self, result: RunResult) -> str:
        return compact_feedback(result) if self.style.feedback == "v1" else format_feedback(result)

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
        listed = ", ".join(f"`{t}`" for t in self.targets)
        parts = [f"The Python module `{self.inputs.module_rel}` has a bug: some of its tests fail. "
                 f"Fix {listed}."]
        if outline.strip():
            parts.append(f"Rest of the module (imports and other definitions):\n```python\n{outline}\n```")
        parts.append(f"Function(s) to fix:\n```python\n{self.target_source.rstrip()}\n```")
        tests = self._failing_tests_source()
        if tests:
            parts.append(f"Failing tests (from {', '.join(self.inputs.tests_rel)}):\n```python\n{tests}\n```")
        return "\n\n".join(parts)

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
        what = f"the corrected {names(self.targets)}"
        rule = (f"Reply with {what} in one ```python code block: the whole function"
                f"{'s' if len(self.targets) > 1 else ''}, same name and signature, with the smallest change that "
                "makes the tests pass. No tests, no usage examples.")
        if self.style.diagnose:
            # A fixed form: asked for "a sentence, then the code", a small model often stops
            # after the sentence; a template it fills in keeps the code coming.
            rule += ("\n\nAnswer in this form:\nBug: <one sentence: which line is wrong and why>\n"
                     f"```python\n<the corrected {names(self.targets)}>\n```")
        return rule

    def _turn_text(self, source: str, result: RunResult, note: str = "") -> str:
        """v1: the failing tests and their output first, the code to fix last, where a small
        model continues from it; then one rule saying exactly what to return."""
        shown = self.shown_code(source)
        failing = f"{result.n_total - result.n_passed} of {result.n_total}" if result.n_total else "the"
        verb = "has" if len(self.targets) == 1 else "have"
        parts = [f"{names(self.targets)} in `{self.inputs.module_rel}` {verb} a bug: {failing} tests fail."]
        tests = self._failing_tests_source(result, limit=3)
        if tests:
            parts.append(f"Failing tests ({', '.join(self.inputs.tests_rel)}):\n```python\n{tests}\n```")
        parts.append(f"Test output:\n```\n{self.test_output(result)}\n```")
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
        stubs = [_signature_and_docstring(self._texts[t]) for t in self.targets]
        tests = self._failing_tests_source(limit=4)
        parts = [f"Write the Python function{'s' if len(stubs) > 1 else ''} {names(self.targets)} for "
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
        Returns (prompt, tag) pairs, at most ``limit``; the tag names the (function, line)."""
        pre, suf, mid = fim
        tests = self._failing_tests_source(limit=4)
        head = f"# {self.inputs.module_rel}\n"
        if tests:
            head = f"# Tests ({', '.join(self.inputs.tests_rel)}):\n{tests}\n\n\n" + head
        out = []
        for t, i in self.cloze_order()[:limit]:
            lines = self._texts[t].splitlines(keepends=True)
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            after = lines[i + 1:i + 1 + self.style.cloze_after] if self.style.cloze_after else lines[i + 1:]
            prefix, suffix = head + "".join(lines[:i]) + indent, "".join(after)
            out.append((f"{pre}{prefix}{suf}{suffix}{mid}", (t, i)))
        return out

    def cloze_order(self) -> list[tuple[str, int]]:
        """The (function, line index) pairs to propose lines for: in the targets' order, or,
        with a traced run's line scores, the lines the failing tests point at most first."""
        items = [(t, i) for t in self.editable for i in body_lines(self._texts[t])]
        lines = self.suspicion.lines if self.suspicion else {}
        if not lines:
            return [(t, i) for t, i in items if t in self.targets]
        rank = {t: k for k, t in enumerate(self.editable)}
        score = {(t, i): lines.get(self._spans[t].start + i, 0.0) for t, i in items}
        return sorted(items, key=lambda ti: (-score[ti], rank[ti[0]], ti[1]))

    def module_line(self, tag: tuple[str, int]) -> int:
        """The 1-based line of the module a cloze tag leaves out."""
        target, i = tag
        return self._spans[target].start + i

    def cloze_line(self, tag: tuple[str, int]) -> str:
        """The line a cloze prompt leaves out, as written (without its indent, which ends
        the prompt)."""
        target, i = tag
        return self._texts[target].splitlines()[i].strip() + "\n"

    # -- later turns -----------------------------------------------------------------------
    def what_went_wrong(self, ev: Evaluation) -> str:
        if not ev.valid:
            return f"Your last answer could not be used: {ev.reason}."
        if ev.unchanged:
            return (f"Your last answer did not change {names(self.targets)}: it is the same code that fails the "
                    "tests. Find the mistake and change it.")
        before = {t.name: t.ok for t in self.baseline.tests}
        broke = [name.split("::", 1)[-1] for name, ok in before.items() if ok and not ev.outcomes.get(name, False)]
        msg = "Your last answer still fails the tests."
        if broke:
            msg += f" It also broke test(s) that passed before: {', '.join(broke[:5])}."
        return msg

    def feedback(self, ev: Evaluation) -> str:
        """What the model is told about its answer ``ev``."""
        if self.style.feedback == "v0":
            if not ev.valid:
                return f"Your answer could not be used: {ev.reason}.\n\n{ANSWER_RULES}"
            return f"The tests still fail with your version.\n\nTest output:\n```\n{ev.feedback}\n```\n\n{ANSWER_RULES}"
        parts = [self.what_went_wrong(ev)]
        if ev.valid:
            parts.append(f"Test output:\n```\n{ev.feedback}\n```")
        parts.append(self.answer_rule())
        return "\n\n".join(parts)

    def next_messages(self, messages: list[dict], answer: str, ev: Evaluation) -> list[dict]:
        """The conversation for the next turn: the chat so far plus the feedback, or with
        ``history="fresh"`` one new message about the latest code (what a small model,
        which loses its way in long chats, repairs best)."""
        if self.style.history == "chat":
            return messages + [{"role": "assistant", "content": answer}, {"role": "user", "content": self.feedback(ev)}]
        good = ev.valid and not ev.unchanged and ev.source is not None and ev.run is not None
        source, run = (ev.source, ev.run) if good else (self.inputs.source, self.baseline)
        note = "This is your last attempt; it still fails the tests." if good else self.what_went_wrong(ev)
        return [{"role": "user", "content": f"{self._turn_text(source, run, note)}\n\n{self.answer_rule()}"}]


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


def body_lines(func_src: str) -> list[int]:
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
