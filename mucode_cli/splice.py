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


def _stub(node, indent: str) -> str:
    prefix = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
    ret = f" -> {ast.unparse(node.returns)}" if node.returns else ""
    return f"{indent}{prefix} {node.name}({ast.unparse(node.args)}){ret}: ..."


def module_outline(source: str, exclude: set[str]) -> str:
    """Imports, and stubs of the other definitions (methods inside their class): context
    for the model, written as valid Python so that a model copying it still parses."""
    tree = ast.parse(source)
    lines = source.splitlines()
    out = []

    def walk(body, prefix: str, indent: str) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)) and not prefix:
                out.append("\n".join(lines[node.lineno - 1 : node.end_lineno]))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if prefix + node.name not in exclude:
                    out.append(_stub(node, indent))
            elif isinstance(node, ast.ClassDef):
                bases = ", ".join(ast.unparse(b) for b in node.bases)
                out.append(f"{indent}class {node.name}{f'({bases})' if bases else ''}:")
                before = len(out)
                walk(node.body, prefix + node.name + ".", indent + "    ")
                if len(out) == before:
                    out.append(indent + "    ...")

    walk(tree.body, "", "")
    return "\n".join(out)


def targets_source(source: str, targets: list[str]) -> str:
    """The target functions' source; methods are shown inside a ``class`` header."""
    spans = function_spans(source)
    chunks: list[str] = []
    current_class = None
    for t in targets:
        owner = t.rsplit(".", 1)[0] if "." in t else None
        text = function_source(source, spans[t]).rstrip("\n")
        if owner and owner != current_class:
            chunks.append(f"class {owner.rsplit('.', 1)[-1]}:")
        elif chunks:
            chunks.append("")
        current_class = owner
        if owner:
            chunks.append(textwrap.indent(textwrap.dedent(text), "    "))
        else:
            chunks.append(text)
    return "\n".join(chunks) + "\n"


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


def _is_stub(node) -> bool:
    body = [n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)
                                         and isinstance(n.value.value, str))]
    return len(body) <= 1 and all(
        isinstance(n, ast.Pass) or (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)
                                    and n.value.value is Ellipsis) for n in body)


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
    for qual, (node, text) in defs.items():
        if qual in target_set or qual.rsplit(".", 1)[-1] in target_shorts or _is_stub(node):
            continue  # a copy of the context's "def f(...): ..." stub is not a change
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
