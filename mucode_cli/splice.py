"""Finding functions in a module and splicing a candidate's versions in by AST position.

Only the target functions' lines change; every other byte of the file stays as it was.
"""

from __future__ import annotations

import ast
import copy
import difflib
import io
import tokenize
from dataclasses import dataclass, field


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


def _string_continuation_lines(text: str) -> set[int]:
    """0-based lines that continue a multi-line string: their leading spaces are the string's
    content (a docstring's doctest lines at column 0), not indentation."""
    import io
    import tokenize

    out: set[int] = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
                out.update(range(tok.start[0], tok.end[0]))  # 1-based start+1 .. end, as 0-based
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return out


def dedent_code(text: str) -> str:
    """``textwrap.dedent`` for code: the indentation of its first line comes off every line,
    except lines inside a multi-line string, which are left exactly as they are."""
    lines = text.splitlines(keepends=True)
    first = next((ln for ln in lines if ln.strip()), "")
    indent = first[: len(first) - len(first.lstrip())]
    if not indent:
        return text
    if not text.startswith(indent):  # first line already dedented by the caller
        text = indent + text
        lines = text.splitlines(keepends=True)
    keep = _string_continuation_lines(text)
    return "".join(ln if i in keep or not ln.startswith(indent) else ln[len(indent):] for i, ln in enumerate(lines))


def indent_code(text: str, indent: str) -> str:
    """``textwrap.indent`` for code: blank lines and lines inside multi-line strings unchanged."""
    keep = _string_continuation_lines(text)
    return "".join(ln if i in keep or not ln.strip() else indent + ln
                   for i, ln in enumerate(text.splitlines(keepends=True)))


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
            chunks.append(indent_code(dedent_code(text), "    "))
        else:
            chunks.append(text)
    return "\n".join(chunks) + "\n"


def _candidate_defs(code: str) -> tuple[dict[str, tuple[ast.AST, str]], list[ast.stmt]]:
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        raise SpliceError(f"the answer is not valid Python (line {e.lineno}: {e.msg})") from None
    lines = code.splitlines(keepends=True)
    defs = {}
    for qual, node in _walk_defs(tree.body):
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        text = dedent_code("".join(lines[start - 1 : node.end_lineno]))
        defs[qual] = (node, text)
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    return defs, imports


def _is_stub(node) -> bool:
    body = [n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)
                                         and isinstance(n.value.value, str))]
    return len(body) <= 1 and all(
        isinstance(n, ast.Pass) or (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)
                                    and n.value.value is Ellipsis) for n in body)


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


def code_key(text: str) -> str:
    """What the code does, as comparable text: the AST without docstrings, so answers that
    differ only in layout, comments or docstrings compare equal."""
    try:
        return ast.dump(_strip_docstrings(ast.parse(dedent_code(text))))
    except SyntaxError:
        return text


def _norm(text: str) -> str:
    try:
        return ast.dump(ast.parse(dedent_code(text)))
    except SyntaxError:
        return text


@dataclass
class Splice:
    source: str  # the whole new module
    code: str  # the target functions as spliced (what the verifier sees)
    changed_lines: int
    new_imports: list[str]
    missing: list[str] = field(default_factory=list)  # targets the answer left out (kept as they were)
    helpers: list[str] = field(default_factory=list)  # new functions the answer added for the targets


def _imports_module(node: ast.stmt, module_name: str | None) -> bool:
    if module_name is None:
        return False
    if isinstance(node, ast.ImportFrom):
        return node.level == 0 and (node.module or "").split(".")[-1] == module_name
    return any(a.name.split(".")[-1] == module_name for a in node.names)


def _names_used(text: str) -> set[str]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | \
        {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


def splice(source: str, targets: list[str], answer_code: str, module_name: str | None = None,
           lenient: bool = False, preserve: bool = False) -> Splice:
    """Replace each target function in ``source`` with the candidate's version.

    Rejects a candidate that rewrites another function of the module. New imports are kept
    (a fix may need ``import math``) and go after the module's last top-level import;
    anything else outside the targets (tests, prints, copies of untouched code) is ignored.

    ``lenient`` keeps more of a small model's good work: with several targets an answer may
    fix just some (the others stay as they were); other functions count as changed only if
    their code changed, not their docstring; and new helper functions that the fixed
    targets call are added to the module. Without it an answer must hold every target.
    ``preserve`` keeps the original's docstring and comments where the answer dropped them
    (see ``merge_preserving``).
    """
    spans = function_spans(source)
    defs, imports = _candidate_defs(answer_code)
    by_short: dict[str, list[str]] = {}
    for q in defs:
        by_short.setdefault(q.rsplit(".", 1)[-1], []).append(q)
    replacements: list[tuple[FunctionSpan, str]] = []
    missing = []
    for target in targets:
        if target in defs:
            node_text = defs[target][1]
        else:
            # A method answered as a bare function (or inside a differently named class).
            short = target.rsplit(".", 1)[-1]
            cands = by_short.get(short, [])
            if len(cands) != 1:
                if lenient and len(cands) == 0:
                    missing.append(target)
                    continue
                raise SpliceError(f"the answer has no function named {target!r}")
            node_text = defs[cands[0]][1]
        if preserve:
            node_text = merge_preserving(dedent_code(function_source(source, spans[target])), node_text)
        replacements.append((spans[target], node_text))
    if not replacements:
        names = " or ".join(repr(t) for t in targets)
        raise SpliceError(f"the answer has no function named {names}")
    target_set = set(targets)
    target_shorts = {t.rsplit(".", 1)[-1] for t in targets}
    same = code_key if lenient else _norm
    new_defs: dict[str, str] = {}
    for qual, (node, text) in defs.items():
        if qual in target_set or qual.rsplit(".", 1)[-1] in target_shorts or _is_stub(node):
            continue  # a copy of the context's "def f(...): ..." stub is not a change
        if qual in spans:
            if same(function_source(source, spans[qual])) != same(text):
                raise SpliceError(f"the answer changes {qual!r}, which is outside the function(s) being repaired")
        elif lenient and not any(q.rsplit(".", 1)[-1] == qual.rsplit(".", 1)[-1] for q in spans):
            new_defs[qual] = text
    helpers = _needed_helpers(new_defs, [text for _, text in replacements]) if lenient else []
    newline = "\r\n" if source.count("\r\n") > source.count("\n") // 2 and "\r\n" in source else "\n"
    new_lines = list(source.splitlines(keepends=True))
    spliced_code = []
    first_target = min(span.start for span, _ in replacements)
    for span, text in sorted(replacements, key=lambda r: r[0].start, reverse=True):
        body = indent_code(text.rstrip() + "\n", span.indent)
        spliced_code.append(body)
        if span.start == first_target and helpers:
            # Helpers go just before the first target, at its level (module or class).
            extra = "".join(indent_code(new_defs[h].rstrip() + "\n", span.indent) + "\n" for h in helpers)
            body = extra + body
        body = body.replace("\r\n", "\n").replace("\n", newline)
        new_lines[span.start - 1 : span.end] = body.splitlines(keepends=True)
    # New imports (not already in the module) go after the last top-level import.
    tree = ast.parse(source)
    have = {ast.dump(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))}
    # A model often re-imports the function from the module itself: a circular import.
    imports = [n for n in imports if ast.dump(n) not in have and not _imports_module(n, module_name)]
    if lenient:
        code = "\n".join([text for _, text in replacements] + [new_defs[h] for h in helpers])
        bound = _top_level_names(tree)
        imported = {_bound_name(a, n) for n in imports for a in n.names if a.name != "*"}
        imports = _needed_imports(imports, _names_used(code), bound, _free_names(code) - bound - imported)
    new_imports = [ast.unparse(n) for n in imports]
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
    return Splice(new_source, "\n".join(reversed(spliced_code)), changed, new_imports, missing, helpers)


def _bound_name(alias: ast.alias, node: ast.stmt) -> str:
    if alias.asname:
        return alias.asname
    return alias.name.split(".")[0] if isinstance(node, ast.Import) else alias.name


def _top_level_names(tree: ast.Module) -> set[str]:
    """Names the module binds at its top level (imports, definitions, assignments)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {_bound_name(a, node) for a in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def _needed_imports(imports: list[ast.stmt], used: set[str], bound: set[str], free: set[str]) -> list[ast.stmt]:
    """Of the answer's imports, the names its code uses that the module does not already
    have. A small model likes to open with ``from typing import *`` or to re-import what
    the module imports; writing those into the user's file is noise (and star imports can
    shadow the module's own names). ``free``: names the code reads that nothing binds."""
    kept = []
    for node in imports:
        names = [a for a in node.names if a.name != "*" and _bound_name(a, node) in used
                 and _bound_name(a, node) not in bound]
        if names:
            node = copy.copy(node)
            node.names = names
            kept.append(node)
    stars = [n for n in imports if any(a.name == "*" for a in n.names)]
    if stars and free:
        # A name nothing else defines may come from the star import: keep it rather than
        # break the fix (`from math import *` ... `sqrt(x)`).
        kept += stars
    return kept


def _free_names(text: str) -> set[str]:
    """Names the code reads that it never binds itself and that are not builtins."""
    import builtins

    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    bound = set(dir(builtins))
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            bound.add(n.id)
        elif isinstance(n, ast.arg):
            bound.add(n.arg)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            bound |= {_bound_name(a, n) for a in n.names}
        elif isinstance(n, ast.ExceptHandler) and n.name:
            bound.add(n.name)
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)} - bound


def _needed_helpers(new_defs: dict[str, str], target_texts: list[str]) -> list[str]:
    """The answer's new functions that the targets call, directly or through each other."""
    short = {q.rsplit(".", 1)[-1]: q for q in new_defs}
    need: list[str] = []
    frontier = [t for t in target_texts]
    while frontier:
        for name in _names_used(frontier.pop()):
            q = short.get(name)
            if q and q not in need:
                need.append(q)
                frontier.append(new_defs[q])
    return need


def _line_keys(text: str) -> list[str | None]:
    """Per line, its code tokens joined by single spaces; None for blank and comment-only lines.
    Two lines with the same key differ only in spacing or a trailing comment."""
    lines = text.splitlines()
    keys: list[list[str]] = [[] for _ in lines]
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
            tokenize.ENDMARKER}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type not in skip and tok.start[0] - 1 < len(lines):
                keys[tok.start[0] - 1].append(tok.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [line.strip() or None for line in lines]
    return [" ".join(k) if k else None for k in keys]


def _docstring_lines(text: str) -> tuple[int, int] | None:
    """0-based (first, last) lines of the function's docstring, if it has one."""
    try:
        node = ast.parse(text).body[0]
    except (SyntaxError, IndexError):
        return None
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.body and \
            isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant) and \
            isinstance(node.body[0].value.value, str):
        return node.body[0].lineno - 1, node.body[0].end_lineno - 1
    return None


def merge_preserving(original: str, answer: str) -> str:
    """The answer's function, written as an edit of the original: lines whose code the
    answer kept are taken from the original (with their comments and spacing), and the
    original docstring comes back if the answer dropped it. The result must do exactly
    what the answer does (same AST but for the docstring), else the answer is used as it is
    (with the docstring restored where that alone is safe). Both texts are dedented."""
    with_doc = _restore_docstring(original, answer)
    orig_lines, ans_lines = original.rstrip("\n").splitlines(), with_doc.rstrip("\n").splitlines()
    ok, ak = _line_keys(original), _line_keys(with_doc)
    o_idx = [i for i, k in enumerate(ok) if k is not None]
    a_idx = [i for i, k in enumerate(ak) if k is not None]
    sm = difflib.SequenceMatcher(a=[ok[i] for i in o_idx], b=[ak[i] for i in a_idx], autojunk=False)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            # The original's lines from the first kept line up to (not including) the next
            # code line after the last one, so comments inside the kept stretch stay.
            lo = o_idx[i1] if i1 > 0 else 0
            hi = o_idx[i2] if i2 < len(o_idx) else len(orig_lines)
            out.extend(orig_lines[lo:hi])
        elif tag in ("replace", "insert"):
            lo = a_idx[j1] if j1 > 0 else 0
            hi = a_idx[j2] if j2 < len(a_idx) else len(ans_lines)
            out.extend(ans_lines[lo:hi])
    merged = "\n".join(out).rstrip() + "\n"
    if code_key(merged) == code_key(answer) and _parses(merged):
        return merged
    return with_doc if code_key(with_doc) == code_key(answer) and _parses(with_doc) else answer


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
        return True
    except SyntaxError:
        return False


def shorten_docstrings(code: str, keep: int = 3) -> str:
    """The code with each function's docstring cut to its first paragraph (at most ``keep``
    lines): what the model is shown of a real project's function, whose docstring is often
    most of its text. An answer that types the short docstring back gets the original one
    again (``merge_preserving``), so the cut costs the user's file nothing."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    lines = code.splitlines(keepends=True)
    cuts = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not node.body:
            continue
        doc = node.body[0]
        if not (isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant) and isinstance(doc.value.value, str)):
            continue
        first, last = doc.lineno - 1, doc.end_lineno - 1
        if last - first < keep + 1:
            continue
        body = lines[first: last + 1]
        opening = body[0].lstrip()
        quote = opening[len(opening) - len(opening.lstrip("rRuUbBfF")):][:3]
        quote = quote if quote in ('"""', "'''") else None
        if quote is None:
            continue
        shown = [body[0]]
        for line in body[1:]:
            if not line.strip() or len(shown) >= keep:
                break
            shown.append(line)
        indent = body[0][: len(body[0]) - len(body[0].lstrip())]
        if shown[0].strip() == quote:  # the summary starts on the next line
            shown = shown[:keep]
        cuts.append((first, last, shown + [f"{indent}...\n", f"{indent}{quote}\n"]))
    for first, last, shown in sorted(cuts, reverse=True):
        lines[first: last + 1] = shown
    out = "".join(lines)
    return out if _parses(out) else code


def _cleaned_docstring(text: str) -> str | None:
    try:
        node = ast.parse(text).body[0]
    except (SyntaxError, IndexError):
        return None
    return ast.get_docstring(node) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None


def _without_docstring(text: str) -> str:
    span = _docstring_lines(text)
    if span is None:
        return text
    lines = text.splitlines(keepends=True)
    return "".join(lines[: span[0]] + lines[span[1] + 1:])


def _restore_docstring(original: str, answer: str) -> str:
    od, ad = _docstring_lines(original), _docstring_lines(answer)
    if od is not None and ad is not None:
        # The answer typed back the shortened docstring it was shown (shorten_docstrings):
        # the original comes back in its place.
        mine, theirs = _cleaned_docstring(original) or "", _cleaned_docstring(answer) or ""
        short = theirs.rstrip().removesuffix("...").rstrip()
        body = _without_docstring(answer)
        if short and mine.startswith(short) and mine != theirs and _docstring_lines(body) is None and _parses(body):
            answer, ad = body, None
    if od is None or ad is not None:
        return answer
    try:
        node = ast.parse(answer).body[0]
    except (SyntaxError, IndexError):
        return answer
    if not node.body or node.body[0].lineno <= node.lineno:
        return answer  # `def f(): return x` on one line: nowhere to put it
    lines = answer.splitlines()
    first_body = node.body[0].lineno - 1
    body_indent = lines[first_body][: len(lines[first_body]) - len(lines[first_body].lstrip())]
    orig = original.splitlines()
    doc = orig[od[0] : od[1] + 1]
    orig_indent = doc[0][: len(doc[0]) - len(doc[0].lstrip())]
    doc = [body_indent + line[len(orig_indent):] if line.startswith(orig_indent) else line for line in doc]
    return "\n".join(lines[:first_body] + doc + lines[first_body:]) + "\n"


def _after_docstring(tree: ast.Module) -> int:
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(getattr(tree.body[0], "value", None), ast.Constant) \
            and isinstance(tree.body[0].value.value, str):
        return tree.body[0].end_lineno
    return 0


def unified_diff(old: str, new: str, name: str) -> str:
    """A diff that ``git apply`` and ``patch -p1`` accept from the folder ``name`` is relative to
    (a last line without its newline is marked as such, or neither would apply it)."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def diff_size(old: str, new: str) -> int:
    """Lines added plus lines removed."""
    n = 0
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
            n += 1
    return n
