"""Taking the code out of a model's answer."""

from __future__ import annotations

import ast
import re

_OPEN = re.compile(r"^[ \t]*```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n", re.M)
_CLOSE = re.compile(r"^[ \t]*```[ \t]*$", re.M)
_PY = {"python", "py", "python3", "py3"}
_FENCE_CLOSED = re.compile(r"```[^\n`]*\n.*?\n[ \t]*```", re.S)


def fence_closed(text: str) -> bool:
    """The answer's first code block is complete: what follows is usually prose."""
    return _FENCE_CLOSED.search(text) is not None


def _blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of each fenced block; an unclosed last block runs to the end."""
    out = []
    pos = 0
    while True:
        m = _OPEN.search(text, pos)
        if not m:
            return out
        close = _CLOSE.search(text, m.end())
        if close is None:
            out.append((m.group(1).lower(), text[m.end():]))
            return out
        out.append((m.group(1).lower(), text[m.end():close.start()]))
        pos = close.end()


def extract_code(text: str) -> str:
    """First python block, else the first fenced block, else the code in the raw text."""
    blocks = code_blocks(text)
    return blocks[0] if blocks else ""


def code_blocks(text: str) -> list[str]:
    """Every candidate piece of code in an answer, best first: python blocks, other fenced
    blocks, and for an answer without fences the code found among its prose."""
    blocks = _blocks(text)
    out = [body.rstrip() + "\n" for lang, body in blocks if lang in _PY and body.strip()]
    out += [body.rstrip() + "\n" for lang, body in blocks if lang not in _PY and body.strip()]
    if out:
        return out
    raw = text.strip()
    if raw.startswith("```"):  # a fence opened on the last line and nothing after it
        raw = raw.lstrip("`")
        raw = raw[len(raw.split("\n", 1)[0]):].strip() if "\n" in raw else ""
    if not raw:
        return []
    found = _code_in_prose(raw)
    return [found] if found else [raw + "\n"]


_CODE_START = re.compile(r"^(?:def |async def |class |import |from \S+ import |@)")


def _code_in_prose(text: str) -> str | None:
    """An unfenced answer ("Here is the fix: def f(): ... This works because ..."): the
    lines from the first that starts a definition or import, cut back from the end until
    they parse, so surrounding prose does not make the answer unusable."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _CODE_START.match(line)), None)
    if start is None:
        return None
    for end in range(len(lines), start, -1):
        chunk = "\n".join(lines[start:end]).rstrip()
        try:
            ast.parse(chunk)
        except SyntaxError:
            continue
        return chunk + "\n"
    return None


def without_checks(code: str) -> str:
    """The code less its top-level asserts and ``print`` calls, which run on import. Answers
    often end with checks of their own (the public test typed back, examples with wrong
    values); one that fails stops the module from importing, so no test runs and the next
    turn is told of an import error instead of the failing test. Their lines are blanked, so
    the rest keeps its line numbers (tracebacks in feedback point at the model's lines)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    spans = [(node.lineno, node.end_lineno or node.lineno, _is_check(node)) for node in tree.body]
    kept = {line for a, b, check in spans if not check for line in range(a, b + 1)}
    # A check sharing a line with code that stays (``x = f(); assert x``) stays too.
    drop = {line for a, b, check in spans if check and kept.isdisjoint(range(a, b + 1))
            for line in range(a, b + 1)}
    if not drop:
        return code
    lines = code.splitlines(keepends=True)
    return "".join("\n" if i + 1 in drop else line for i, line in enumerate(lines))


def _is_check(node: ast.stmt) -> bool:
    if isinstance(node, ast.Assert):
        return True
    call = node.value if isinstance(node, ast.Expr) else None
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"
