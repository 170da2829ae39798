"""Which module of the project to repair, when the user named only the tests.

A failing test says where the bug is in one of two ways: its traceback passes through a
project module (an exception raised inside the code), or it only calls a function that
the test file imported from one (``assert f(x) == y`` fails in the test itself). Each
failing test names its module(s) that way; the module every failing test names is the one
to repair. Anything less certain is refused, with the candidates named, rather than guessed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path, PurePosixPath

from .errors import UserError
from .sandbox import RunResult

_FRAME = re.compile(r"^(\S+?\.py):\d+: in ", re.M)


def _is_test_or_conftest(rel: str) -> bool:
    name = PurePosixPath(rel).name
    return name == "conftest.py" or name.startswith("test_") or name.endswith("_test.py")


def _project_file(root: Path, path: str) -> str | None:
    """``path`` (as a traceback shows it) as a repairable module of the project, or None."""
    m = re.search(r"/mucode-sandbox-[^/]+/work/(.+)$", path)
    p = root / m.group(1) if m else Path(path)  # a path inside the sandbox's copy: the original
    p = p if p.is_absolute() else root / p
    try:
        rel = p.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return None  # outside the project: the standard library, site-packages, the sandbox
    if not rel.endswith(".py") or _is_test_or_conftest(rel) or not (root / rel).is_file():
        return None
    if any(part.startswith(".") or part in ("site-packages", "venv", "__pycache__") for part in Path(rel).parts):
        return None
    return rel


def _module_file(root: Path, roots: list[str], dotted: str) -> str | None:
    parts = dotted.split(".")
    for r in roots:
        base = root / r
        for cand in (base.joinpath(*parts).with_suffix(".py"), base.joinpath(*parts, "__init__.py")):
            if cand.is_file():
                return _project_file(root, str(cand))
    return None


def _imports(test_rel: str, tree: ast.Module) -> dict[str, list[str]]:
    """Local name -> dotted module(s) it may come from (a submodule first, then its package)."""
    package = list(PurePosixPath(test_rel).parent.parts)
    names: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    names[a.asname] = [a.name]
                else:  # `import a.b` binds `a`, and `a.b.f()` is most likely about a/b.py
                    names.setdefault(a.name.split(".")[0], []).extend([a.name, a.name.split(".")[0]])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                up = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                base = ".".join(up + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for a in node.names:
                if a.name == "*":
                    names.setdefault("*", []).append(base)
                else:
                    names[a.asname or a.name] = [f"{base}.{a.name}".lstrip("."), base]
    return names


def _test_node(tree: ast.Module, nodeid_rest: str) -> ast.AST | None:
    body, node = tree.body, None
    for part in (re.sub(r"\[.*\]$", "", p) for p in nodeid_rest.split("::")):
        node = next((n for n in body if getattr(n, "name", None) == part), None)
        if node is None:
            return None
        body = getattr(node, "body", [])
    return node


def _called_modules(root: Path, roots: list[str], test_rel: str, source: str, rest: str) -> list[str]:
    """The project modules whose names the failing test function uses (via the file's imports)."""
    tree = ast.parse(source)
    node = _test_node(tree, rest)
    if node is None:
        return []
    imports = _imports(test_rel, tree)
    used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    found: list[str] = []
    for name in sorted(used):
        for dotted in imports.get(name, []):
            rel = _module_file(root, roots, dotted)
            if rel:
                if rel not in found:
                    found.append(rel)
                break
    if not found:
        for dotted in imports.get("*", []):
            rel = _module_file(root, roots, dotted)
            if rel and rel not in found:
                found.append(rel)
    return found


def module_from_failures(root: Path, tests: dict[str, str], roots: list[str], result: RunResult) -> str:
    """The module (relative to ``root``) that every failing test points at.

    ``tests``: test file (relative) -> source; ``roots``: the import roots of the copy."""
    per_test: list[list[str]] = []
    texts = [(t.name, t.message) for t in result.tests if not t.ok]
    texts += [("", e) for e in result.collect_errors]
    for name, text in texts:
        frames = [rel for rel in (_project_file(root, m.group(1)) for m in _FRAME.finditer(text)) if rel]
        if frames:
            per_test.append([frames[-1]])  # the deepest frame in the project: where it went wrong
            continue
        path, _, rest = name.partition("::")
        if path in tests and rest:
            mods = _called_modules(root, roots, path, tests[path], rest)
            if mods:
                per_test.append(mods)
    if not per_test:
        raise UserError("cannot tell which file the failing tests are about (no traceback into the project and no "
                        "function imported from it): name the file, `mucode fix FILE --tests …`")
    common = set(per_test[0]).intersection(*per_test[1:])
    if len(common) == 1:
        return common.pop()
    named = sorted({m for mods in per_test for m in mods})
    raise UserError(f"the failing tests point into {len(named)} files ({', '.join(named[:6])}): name the one to "
                    "fix, `mucode fix FILE --tests …`")
