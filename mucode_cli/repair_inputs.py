"""What ``fix`` works on: the user's module and test files read and checked, the project
they belong to, and one run of those tests in the sandbox."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field
from pathlib import Path

from .core import Executor
from .errors import UserError
from .project import find_root, import_roots
from .sandbox import RunResult

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
            raise UserError(f"the project folder {root} has over {MAX_COPY_FILES} files to copy for every test run; "
                            "pass --root with a smaller folder that holds the file and its tests")


@dataclass
class RepairInputs:
    module: Path
    tests: list[Path]
    root: Path
    module_rel: str
    tests_rel: list[str]
    source: str
    test_sources: dict[str, str]
    import_roots: list[str] = field(default_factory=lambda: ["."])
    # Candidate runs load pytest's autoloaded plugins; ``fix.prepare`` turns this off where the
    # original's tests report the same without them (1.8 s less per run here; docs/how-it-works.md).
    plugins: bool = True


def _expand_tests(tests: list[Path], module: Path) -> list[tuple[Path, bool]]:
    """Test files as given; a folder stands for its test_*.py / *_test.py files (as pytest collects)."""
    out = []
    for t in tests:
        if not t.is_dir():
            out.append((t, False))
            continue
        found = sorted(p for p in t.rglob("*.py") if (p.name.startswith("test_") or p.name.endswith("_test.py"))
                       and not _SKIP_DIRS.intersection(p.relative_to(t).parts) and p.resolve() != module)
        if not found:
            raise UserError(f"no test_*.py files in the folder {t}")
        out += [(p, True) for p in found]
    return out


def _load_tests(tests: list[Path], module: Path | None) -> dict[Path, str]:
    """The test files (resolved) and their sources; folders expanded as pytest collects."""
    if not tests:
        raise UserError("no test file given: pass --tests TEST_FILE.py")
    found: dict[Path, str] = {}
    for t, from_folder in _expand_tests(tests, module):
        text = read_python_file(t, "test file")
        if not _is_pytest_file(text):
            if from_folder:
                continue  # a helper module in a tests folder
            raise UserError(f"test file has no pytest tests (no test_* function or Test* class): {t}")
        t = t.resolve()
        if t == module:
            raise UserError(f"the test file is the file to repair: {t}")
        found[t] = text
    if not found:
        raise UserError(f"no pytest tests in {', '.join(map(str, tests))}")
    return found


def _project_root(paths: list[Path], root: Path | None) -> Path:
    if root is None:
        return find_root(paths)
    if not root.is_dir():
        raise UserError(f"--root is not a folder: {root}")
    root = root.resolve()
    for p in paths:
        if not p.is_relative_to(root):
            raise UserError(f"{p} is not inside the project root {root}")
    return root


def load_inputs(module: Path, tests: list[Path], root: Path | None = None,
                site_dirs: list[str] | None = None) -> RepairInputs:
    """The file to repair and its tests, inside their project: ``root`` if given, else the
    folder pytest would take as rootdir (so the tests run with the project's own config).
    ``site_dirs``: the site-packages of the Python that runs the tests (default: ours)."""
    if not tests:
        raise UserError("no test file given: pass --tests TEST_FILE.py")
    source = read_python_file(module, "file")
    module = module.resolve()
    found = _load_tests(tests, module)
    root = _project_root([module, *found], root)
    _check_copyable(root)
    return RepairInputs(
        module=module, tests=list(found), root=root, module_rel=module.relative_to(root).as_posix(),
        tests_rel=[t.relative_to(root).as_posix() for t in found], source=source,
        test_sources={t.relative_to(root).as_posix(): s for t, s in found.items()},
        import_roots=import_roots(root, site_dirs),
    )


def locate_module(tests: list[Path], sandbox: Executor, root: Path | None = None,
                  site_dirs: list[str] | None = None) -> tuple[Path | None, RunResult, Path]:
    """No file named: run the tests once and find the module their failures point at
    (``locate``). Returns it (None if every test passes), that run, and the project root."""
    from .locate import module_from_failures

    found = _load_tests(tests, None)
    root = _project_root(list(found), root)
    _check_copyable(root)
    rel = {t.relative_to(root).as_posix(): s for t, s in found.items()}
    roots = import_roots(root, site_dirs)
    result = sandbox.run_pytest(root, {}, list(rel), import_roots=roots)
    if result.passed:
        return None, result, root
    return root / module_from_failures(root, rel, roots, result), result, root


def run_tests(inputs: RepairInputs, sandbox: Executor, source: str | None = None,
              only: list[str] | None = None, trace: bool = False) -> RunResult:
    """The given tests against the module (``source``: a candidate's), in the sandbox.
    ``only``: just these node ids, collected from their own files alone (pytest collecting a
    big parametrized file can cost more than running a few tests). ``trace``: record which of
    the module's functions and lines each test runs (``RunResult.reach``)."""
    files = {} if source is None else {inputs.module_rel: source}
    paths = inputs.tests_rel
    if only is not None:
        own = sorted({n.split("::", 1)[0] for n in only})
        if own and all(any(p == t or p.startswith(t.rstrip("/") + "/") for t in inputs.tests_rel) for p in own):
            paths = own
    return sandbox.run_pytest(inputs.root, files, paths, import_roots=inputs.import_roots, only=only,
                              plugins=inputs.plugins, trace=[inputs.module_rel] if trace else None)
