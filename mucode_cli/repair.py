"""The ``fix`` environment: a user's module, their pytest file(s), and what to repair."""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .answers import extract_code
from .errors import UserError
from .feedback import format_feedback
from .sandbox import RunResult, Sandbox
from .search import Evaluation
from .splice import SpliceError, enclosing_function, function_spans, module_outline, splice, targets_source

ANSWER_RULES = (
    "Reply with the complete corrected function(s) in a single ```python code block. "
    "Keep the function names. Do not include the tests."
)


def read_python_file(path: Path, what: str) -> str:
    """Read a user's Python file or raise a one-line UserError naming the problem."""
    if not path.exists():
        raise UserError(f"{what} not found: {path}")
    if path.is_dir():
        raise UserError(f"{what} is a folder, not a file: {path}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read {what} {path}: {e.strerror}") from None
    if b"\0" in data:
        raise UserError(f"{what} is a binary file, not Python source: {path}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{what} is not UTF-8 text: {path}") from None
    try:
        ast.parse(text, filename=str(path))
    except SyntaxError as e:
        raise UserError(f"cannot parse {what} {path}: line {e.lineno}: {e.msg}") from None
    return text


def _is_pytest_file(source: str) -> bool:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            return True
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            return True
    return False


MAX_COPY_FILES = 20_000
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "node_modules", ".tox", ".nox",
              ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def _check_copyable(root: Path) -> None:
    """Every test run copies ``root``: refuse a folder too large to copy many times."""
    n = 0
    for _, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
        n += len(files)
        if n > MAX_COPY_FILES:
            raise UserError(f"the folder holding the file and its tests ({root}) has over {MAX_COPY_FILES} files "
                            "to copy for every test run; put them in a smaller project folder")


@dataclass
class RepairInputs:
    module: Path
    tests: list[Path]
    root: Path
    module_rel: str
    tests_rel: list[str]
    source: str
    test_sources: dict[str, str]


def load_inputs(module: Path, tests: list[Path]) -> RepairInputs:
    if not tests:
        raise UserError("no test file given: pass --tests TEST_FILE.py")
    source = read_python_file(module, "file")
    module = module.resolve()
    test_sources = {}
    resolved = []
    for t in tests:
        text = read_python_file(t, "test file")
        if not _is_pytest_file(text):
            raise UserError(f"test file has no pytest tests (no test_* function or Test* class): {t}")
        t = t.resolve()
        if t == module:
            raise UserError(f"the test file is the file to repair: {t}")
        resolved.append(t)
        test_sources[str(t)] = text
    root = Path(os.path.commonpath([module.parent, *[t.parent for t in resolved]]))
    _check_copyable(root)
    return RepairInputs(
        module=module, tests=resolved, root=root, module_rel=module.relative_to(root).as_posix(),
        tests_rel=[t.relative_to(root).as_posix() for t in resolved], source=source,
        test_sources={t.relative_to(root).as_posix(): s for t, s in zip(resolved, test_sources.values())},
    )


def run_tests(inputs: RepairInputs, sandbox: Sandbox, source: str | None = None) -> RunResult:
    files = {} if source is None else {inputs.module_rel: source}
    return sandbox.run_pytest(inputs.root, files, inputs.tests_rel)


def _test_function_nodes(inputs: RepairInputs, result: RunResult) -> list[tuple[str, ast.AST, str]]:
    """The AST of each failing test function (nodeid -> file, class, function)."""
    out = []
    for t in result.tests:
        if t.ok:
            continue
        path, _, rest = t.name.partition("::")
        src = inputs.test_sources.get(path)
        if src is None:
            continue
        parts = [re.sub(r"\[.*\]$", "", p) for p in rest.split("::")]
        tree = ast.parse(src)
        body = tree.body
        node = None
        for p in parts:
            node = next((n for n in body if getattr(n, "name", None) == p), None)
            if node is None:
                break
            body = getattr(node, "body", [])
        if node is not None:
            out.append((t.name, node, src))
    return out


def choose_targets(inputs: RepairInputs, result: RunResult, explicit: list[str] | None = None) -> list[str]:
    """The functions to repair: chosen by the user, else those the failures point at."""
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
    if found:
        return found
    # 2. Functions the failing tests call by name (the usual `assert f(x) == y` case).
    shorts: dict[str, list[str]] = {}
    for q in spans:
        shorts.setdefault(q.rsplit(".", 1)[-1], []).append(q)
    for _, node, _ in _test_function_nodes(inputs, result):
        for sub in ast.walk(node):
            name = sub.id if isinstance(sub, ast.Name) else sub.attr if isinstance(sub, ast.Attribute) else None
            for q in shorts.get(name or "", []):
                if q not in found:
                    found.append(q)
    if found:
        return found
    if len(spans) <= 3:
        return list(spans)
    raise UserError(f"cannot tell which function in {inputs.module_rel} to repair; pass --function NAME")


class RepairEnvironment:
    """One ``mucode fix`` problem, seen by the search loop."""

    def __init__(self, inputs: RepairInputs, targets: list[str], baseline: RunResult, sandbox: Sandbox):
        self.inputs = inputs
        self.targets = targets
        self.baseline = baseline
        self.sandbox = sandbox
        self.target_source = targets_source(inputs.source, targets)
        self._problem = self._problem_text()

    @property
    def problem(self) -> str:
        return self._problem

    def suggested_max_tokens(self) -> int:
        # The answer re-types the function plus a little prose: ~1 token per 3 chars.
        return int(min(1024, max(256, len(self.target_source) / 3 * 1.6 + 160)))

    def _failing_tests_source(self) -> str:
        chunks = []
        for _, node, src in _test_function_nodes(self.inputs, self.baseline)[:6]:
            chunks.append(ast.get_source_segment(src, node) or "")
        return "\n\n".join(c for c in chunks if c)

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

    def initial_messages(self) -> list[dict]:
        content = (f"{self.problem}\n\nTest output:\n```\n{format_feedback(self.baseline)}\n```\n\n{ANSWER_RULES}")
        return [{"role": "user", "content": content}]

    def evaluate(self, answer: str) -> Evaluation:
        code = extract_code(answer)
        if not code.strip():
            return Evaluation(False, False, reason="the answer has no code")
        try:
            sp = splice(self.inputs.source, self.targets, code, Path(self.inputs.module_rel).stem)
        except SpliceError as e:
            return Evaluation(False, False, reason=str(e), code=code)
        r = run_tests(self.inputs, self.sandbox, sp.source)
        return Evaluation(
            valid=True, passed=r.passed, n_passed=r.n_passed, n_total=r.n_total,
            feedback=format_feedback(r), code=sp.code, cost=sp.changed_lines,
            outcomes={t.name: t.ok for t in r.tests}, seconds=r.seconds,
            extra={"source": sp.source, "run": r},
        )

    def feedback_message(self, ev: Evaluation) -> str:
        if not ev.valid:
            return f"Your answer could not be used: {ev.reason}.\n\n{ANSWER_RULES}"
        return f"The tests still fail with your version.\n\nTest output:\n```\n{ev.feedback}\n```\n\n{ANSWER_RULES}"
