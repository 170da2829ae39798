"""Finding functions in a module and splicing a candidate's versions in by AST position.

Only the target functions' lines change; every other byte of the file stays as it was.
"""

from __future__ import annotations

import ast
import difflib
import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class FunctionSpan:
    qualname: str  # "func" or "Class.method"
    start: int  # first line (1-based), decorators included
    end: int  # last line, inclusive
    indent: str

    def contains(self, line: int) -> bool:
        return self.start <= line <= self.end


class SpliceError(ValueError):
    """The candidate cannot be used (and is counted as discarded)."""


def _walk_defs(body, prefix=""):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield prefix + node.name, node
        elif isinstance(node, ast.ClassDef):
            yield from _walk_defs(node.body, prefix + node.name + ".")


def _span(node, qualname: str, lines: list[str]) -> FunctionSpan:
    start = min([node.lineno] + [d.lineno for d in node.decorator_list])
    first = lines[start - 1]
    return FunctionSpan(qualname, start, node.end_lineno, first[: len(first) - len(first.lstrip())])


def function_spans(source: str) -> dict[str, FunctionSpan]:
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    return {q: _span(n, q, lines) for q, n in _walk_defs(tree.body)}


def function_source(source: str, span: FunctionSpan) -> str:
    return "".join(source.splitlines(keepends=True)[span.start - 1 : span.end])


def enclosing_function(spans: dict[str, FunctionSpan], line: int) -> str | None:
    """The innermost function whose lines hold ``line``."""
    best = None
    for s in spans.values():
        if s.contains(line) and (best is None or s.end - s.start < best.end - best.start):
            best = s
    return best.qualname if best else None


def module_outline(source: str, exclude: set[str]) -> str:
    """Imports and the signatures of the other definitions: context for the model."""
    tree = ast.parse(source)
    lines = source.splitlines()
    out = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append("\n".join(lines[node.lineno - 1 : node.end_lineno]))
    for qual, node in _walk_defs(tree.body):
        if qual in exclude:
            continue
        prefix = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
        ret = f" -> {ast.unparse(node.returns)}" if node.returns else ""
        out.append(f"{prefix} {qual}({ast.unparse(node.args)}){ret}: ...")
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out.append(f"class {node.name}: ...")
    return "\n".join(out)


def _candidate_defs(code: str) -> tuple[dict[str, tuple[ast.AST, str]], list[ast.stmt], str]:
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        raise SpliceError(f"the answer is not valid Python (line {e.lineno}: {e.msg})") from None
    lines = code.splitlines(keepends=True)
    defs = {}
    for qual, node in _walk_defs(tree.body):
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        text = textwrap.dedent("".join(lines[start - 1 : node.end_lineno]))
        defs[qual] = (node, text)
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    return defs, imports, code


def _norm(text: str) -> str:
    try:
        return ast.dump(ast.parse(textwrap.dedent(text)))
    except SyntaxError:
        return text


@dataclass
class Splice:
    source: str  # the whole new module
    code: str  # the target functions as spliced (what the verifier sees)
    changed_lines: int
    new_imports: list[str]


def _imports_module(node: ast.stmt, module_name: str | None) -> bool:
    if module_name is None:
        return False
    if isinstance(node, ast.ImportFrom):
        return node.level == 0 and (node.module or "").split(".")[-1] == module_name
    return any(a.name.split(".")[-1] == module_name for a in node.names)


def splice(source: str, targets: list[str], answer_code: str, module_name: str | None = None) -> Splice:
    """Replace each target function in ``source`` with the candidate's version.

    Rejects a candidate that lacks a target (renamed it) or rewrites another function of
    the module. New imports are kept (a fix may need ``import math``) and go after the
    module's last top-level import; anything else outside the targets (tests, prints,
    copies of untouched code) is ignored.
    """
    spans = function_spans(source)
    defs, imports, _ = _candidate_defs(answer_code)
    by_short: dict[str, list[str]] = {}
    for q in defs:
        by_short.setdefault(q.rsplit(".", 1)[-1], []).append(q)
    replacements: list[tuple[FunctionSpan, str]] = []
    for target in targets:
        if target in defs:
            node_text = defs[target][1]
        else:
            # A method answered as a bare function (or inside a differently named class).
            short = target.rsplit(".", 1)[-1]
            cands = by_short.get(short, [])
            if len(cands) != 1:
                raise SpliceError(f"the answer has no function named {target!r}")
            node_text = defs[cands[0]][1]
        replacements.append((spans[target], node_text))
    target_set = set(targets)
    target_shorts = {t.rsplit(".", 1)[-1] for t in targets}
    original_lines = source.splitlines(keepends=True)
    for qual, (_, text) in defs.items():
        if qual in target_set or qual.rsplit(".", 1)[-1] in target_shorts:
            continue
        if qual in spans and _norm(function_source(source, spans[qual])) != _norm(text):
            raise SpliceError(f"the answer changes {qual!r}, which is outside the function(s) being repaired")
    newline = "\r\n" if source.count("\r\n") > source.count("\n") // 2 and "\r\n" in source else "\n"
    new_lines = list(original_lines)
    spliced_code = []
    for span, text in sorted(replacements, key=lambda r: r[0].start, reverse=True):
        body = textwrap.indent(text.rstrip() + "\n", span.indent, lambda line: line.strip() != "")
        spliced_code.append(body)
        body = body.replace("\r\n", "\n").replace("\n", newline)
        new_lines[span.start - 1 : span.end] = body.splitlines(keepends=True)
    # New imports (not already in the module) go after the last top-level import.
    tree = ast.parse(source)
    have = {ast.dump(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))}
    # A model often re-imports the function from the module itself: a circular import.
    new_imports = [ast.unparse(n) for n in imports if ast.dump(n) not in have and not _imports_module(n, module_name)]
    if new_imports:
        top_imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        at = top_imports[-1].end_lineno if top_imports else _after_docstring(tree)
        new_lines[at:at] = [imp + newline for imp in new_imports]
    new_source = "".join(new_lines)
    try:
        ast.parse(new_source)
    except SyntaxError as e:
        raise SpliceError(f"the spliced module does not parse (line {e.lineno}: {e.msg})") from None
    changed = diff_size(source, new_source)
    return Splice(new_source, "\n".join(reversed(spliced_code)), changed, new_imports)


def _after_docstring(tree: ast.Module) -> int:
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(getattr(tree.body[0], "value", None), ast.Constant) \
            and isinstance(tree.body[0].value.value, str):
        return tree.body[0].end_lineno
    return 0


def unified_diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))


def diff_size(old: str, new: str) -> int:
    """Lines added plus lines removed."""
    n = 0
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
            n += 1
    return n
