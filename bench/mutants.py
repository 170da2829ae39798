"""Realistic single-mutation bugs, made from working code at the source level.

Each mutation edits the smallest stretch of text it can (an operator between its operands,
one literal, one statement's lines), so the rest of the module keeps its formatting and
comments and the diff back to the original is a line or two, as with a developer's slip.
Which mutants are kept (those the tests catch) is decided by the caller, in the sandbox.
"""

from __future__ import annotations

import ast
import random
from dataclasses import dataclass

# The operator swaps developers actually make: boundaries, direction, a neighbouring operator.
_COMPARE = {
    ast.Lt: [ast.LtE, ast.Gt], ast.LtE: [ast.Lt, ast.GtE], ast.Gt: [ast.GtE, ast.Lt], ast.GtE: [ast.Gt, ast.LtE],
    ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.In: [ast.NotIn], ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot], ast.IsNot: [ast.Is],
}
_COMPARE_TEXT = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
                 ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}
_BINOP = {ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Add], ast.FloorDiv: [ast.Div],
          ast.Div: [ast.FloorDiv], ast.Mod: [ast.FloorDiv], ast.Pow: [ast.Mult]}
_BINOP_TEXT = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Div: "/", ast.Mod: "%",
               ast.Pow: "**"}

KIND_WEIGHTS = {"drop_return": 0.35, "drop_branch": 0.7, "swap_args": 0.7}
KINDS = ("compare", "arithmetic", "constant", "off_by_one", "swap_args", "drop_branch", "drop_return",
         "bool_op", "negation", "augassign")


@dataclass(frozen=True)
class Mutant:
    kind: str
    line: int  # 1-based line of the original the change starts on
    function: str  # qualified name of the function it lives in
    description: str
    source: str  # the whole mutated module


class _Edits:
    """Collects candidate edits of one module as (kind, function, line, description, new_source)."""

    def __init__(self, source: str):
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line))
        self.out: list[tuple[str, str, int, str, str]] = []
        self.function = ""

    def pos(self, line: int, col: int) -> int:
        # ast columns are UTF-8 byte offsets.
        text = self.lines[line - 1].encode("utf-8")[:col].decode("utf-8", "replace")
        return self.offsets[line - 1] + len(text)

    def span(self, node) -> tuple[int, int]:
        return self.pos(node.lineno, node.col_offset), self.pos(node.end_lineno, node.end_col_offset)

    def text(self, node) -> str:
        a, b = self.span(node)
        return self.source[a:b]

    def replace(self, kind: str, line: int, description: str, edits: list[tuple[int, int, str]]) -> None:
        new = self.source
        for a, b, text in sorted(edits, reverse=True):
            new = new[:a] + text + new[b:]
        self.out.append((kind, self.function, line, description, new))

    def replace_in_gap(self, kind: str, left, right, old: str, new: str, line: int) -> None:
        """Swap the operator token that sits between two operands."""
        a, b = self.pos(left.end_lineno, left.end_col_offset), self.pos(right.lineno, right.col_offset)
        gap = self.source[a:b]
        i = _find_token(gap, old)
        if i < 0:
            return
        self.replace(kind, line, f"`{old}` -> `{new}`", [(a + i, a + i + len(old), new)])

    def drop_lines(self, kind: str, first: int, last: int, description: str) -> None:
        a, b = self.offsets[first - 1], self.offsets[last]
        self.replace(kind, first, description, [(a, b, "")])


def _find_token(gap: str, token: str) -> int:
    """Index of ``token`` in the text between two operands, outside parentheses' insides."""
    i = gap.find(token)
    while i >= 0:
        before = gap[i - 1] if i > 0 else " "
        after = gap[i + len(token)] if i + len(token) < len(gap) else " "
        # `<` must not match inside `<=` or `<<`; words must stand alone.
        sym = not token[0].isalpha()
        ok = (not sym or (before not in "<>=!*/" and after not in "<>=*/")) and \
             (sym or (not before.isalnum() and not after.isalnum()))
        if ok:
            return i
        i = gap.find(token, i + 1)
    return -1


_NEEDS_NO_PARENS = (ast.Slice, ast.Return, ast.Assign, ast.keyword, ast.AugAssign, ast.Subscript)


def _collect(tree: ast.Module, ed: _Edits) -> None:
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node

    def in_slice_or_index(node) -> bool:
        p = parents.get(id(node))
        return isinstance(p, ast.Slice) or (isinstance(p, ast.Subscript) and p.slice is node)

    def plus_minus(node, delta: str) -> str:
        text = ed.text(node)
        p = parents.get(id(node))
        bare = isinstance(p, _NEEDS_NO_PARENS) or isinstance(p, ast.Call) and node in p.args \
            or isinstance(node, (ast.Name, ast.Call, ast.Attribute, ast.Subscript, ast.Constant))
        return f"{text} {delta} 1" if bare and not isinstance(p, (ast.BinOp, ast.UnaryOp, ast.Attribute)) \
            else f"({text} {delta} 1)"

    def visit_body(stmts: list[ast.stmt], qual: str) -> None:
        body = list(stmts)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]  # the docstring is documentation, not code to break
        for stmt in body:
            visit_stmt(stmt, stmts, qual)

    def visit_stmt(stmt: ast.stmt, block: list[ast.stmt], qual: str) -> None:
        ed.function = qual
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            visit_body(stmt.body, f"{qual}.{stmt.name}" if qual else stmt.name)
            ed.function = qual
            return
        if isinstance(stmt, ast.ClassDef):
            return
        line_text = ed.lines[stmt.lineno - 1]
        indent = line_text[: len(line_text) - len(line_text.lstrip())]
        own_lines = ed.pos(stmt.lineno, stmt.col_offset) == ed.offsets[stmt.lineno - 1] + len(indent)
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, tuple(_BINOP_TEXT)):
            ed.replace_in_gap("augassign", stmt.target, stmt.value, _BINOP_TEXT[type(stmt.op)] + "=", "=",
                              stmt.lineno)
        if isinstance(stmt, ast.Return) and stmt.value is not None:
            # `return x` -> `x`: the value is computed and then lost, as when the keyword is forgotten.
            a, b = ed.pos(stmt.lineno, stmt.col_offset), ed.pos(stmt.value.lineno, stmt.value.col_offset)
            if ed.source[a:b].strip() == "return":
                ed.replace("drop_return", stmt.lineno, "a `return` dropped", [(a, b, "")])
        if isinstance(stmt, ast.If) and own_lines:
            if stmt.orelse:
                first = stmt.orelse[0]
                if len(stmt.orelse) == 1 and isinstance(first, ast.If) and \
                        ed.lines[first.lineno - 1].lstrip().startswith("elif"):
                    ed.drop_lines("drop_branch", first.lineno, stmt.end_lineno, "an `elif` branch dropped")
                else:
                    else_line = next((ln for ln in range(stmt.body[-1].end_lineno + 1, first.lineno + 1)
                                      if ed.lines[ln - 1].strip().startswith("else")))
                    if else_line is not None and ed.pos(first.lineno, first.col_offset) > \
                            ed.offsets[first.lineno - 1] + len(indent):
                        ed.drop_lines("drop_branch", else_line, stmt.end_lineno, "an `else` branch dropped")
            elif len(block) > 1:
                ed.drop_lines("drop_branch", stmt.lineno, stmt.end_lineno, "an `if` block dropped")
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.stmt):
                continue
            for node in ast.walk(child):
                visit_expr(node, stmt)
        for field in ("body", "orelse", "finalbody"):
            sub = getattr(stmt, field, None)
            if isinstance(sub, list) and sub and isinstance(sub[0], ast.stmt):
                for s in sub:
                    visit_stmt(s, sub, qual)
        for h in getattr(stmt, "handlers", []) or []:
            for s in h.body:
                visit_stmt(s, h.body, qual)

    def visit_expr(node, stmt) -> None:
        if isinstance(node, (ast.Lambda, ast.FunctionDef)):
            return
        line = getattr(node, "lineno", stmt.lineno)
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
            old = _COMPARE_TEXT[type(node.ops[0])]
            for new in _COMPARE[type(node.ops[0])]:
                if old in ("not in", "is not"):
                    continue  # two-word operators: `in`/`is` variants are enough
                ed.replace_in_gap("compare", node.left, node.comparators[0], old, _COMPARE_TEXT[new], line)
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP:
            old = _BINOP_TEXT[type(node.op)]
            for new in _BINOP[type(node.op)]:
                if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                    continue  # "%" formatting and string "+" are not arithmetic
                ed.replace_in_gap("arithmetic", node.left, node.right, old, _BINOP_TEXT[new], line)
        elif isinstance(node, ast.BoolOp) and len(node.values) == 2:
            old, new = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
            ed.replace_in_gap("bool_op", node.values[0], node.values[1], old, new, line)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            a, b = ed.span(node)
            ed.replace("negation", line, "a `not` dropped", [(a, b, ed.text(node.operand))])
        elif isinstance(node, ast.Constant) and type(node.value) is int and node.value < 10_000:
            a, b = ed.span(node)
            if ed.source[a:b] != str(node.value):
                return  # 0x10, 1_000: leave unusual spellings alone
            for new in (node.value + 1, node.value - 1):
                if new >= 0 or node.value < 0:
                    ed.replace("constant", line, f"`{node.value}` -> `{new}`", [(a, b, str(new))])
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            a, b = ed.span(node)
            ed.replace("constant", line, f"`{node.value}` -> `{not node.value}`", [(a, b, str(not node.value))])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
                and not in_slice_or_index(node):
            a, b = ed.span(node)
            ed.replace("off_by_one", line, "`len(...)` -> `len(...) - 1`", [(a, b, plus_minus(node, "-"))])
        if isinstance(node, ast.Call) and len(node.args) >= 2 and not any(isinstance(a, ast.Starred) for a in node.args):
            x, y = node.args[0], node.args[1]
            tx, ty = ed.text(x), ed.text(y)
            if tx != ty:
                (a1, b1), (a2, b2) = ed.span(x), ed.span(y)
                ed.replace("swap_args", line, f"arguments `{tx}` and `{ty}` swapped", [(a1, b1, ty), (a2, b2, tx)])
        if isinstance(node, ast.Slice):
            for bound in (node.lower, node.upper):
                if isinstance(bound, (ast.Name, ast.Call, ast.Attribute, ast.BinOp, ast.Subscript)):
                    a, b = ed.span(bound)
                    for delta in ("+", "-"):
                        ed.replace("off_by_one", line, f"slice bound `{ed.text(bound)}` {delta} 1",
                                   [(a, b, plus_minus(bound, delta))])
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Name):
            a, b = ed.span(node.slice)
            for delta in ("+", "-"):
                ed.replace("off_by_one", line, f"index `{ed.text(node.slice)}` {delta} 1",
                           [(a, b, plus_minus(node.slice, delta))])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and node.args:
            stop = node.args[1] if len(node.args) >= 2 else node.args[0]
            if not isinstance(stop, ast.Constant):
                a, b = ed.span(stop)
                for delta in ("+", "-"):
                    ed.replace("off_by_one", line, f"range bound `{ed.text(stop)}` {delta} 1",
                               [(a, b, plus_minus(stop, delta))])

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            visit_body(node.body, node.name)
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    visit_body(sub.body, f"{node.name}.{sub.name}")


def all_mutants(source: str) -> list[Mutant]:
    """Every distinct single mutation of the module's functions that still parses."""
    tree = ast.parse(source)
    ed = _Edits(source)
    _collect(tree, ed)
    original = ast.dump(tree)
    seen: set[str] = set()
    out = []
    for kind, function, line, description, new in ed.out:
        if new in seen:
            continue
        seen.add(new)
        try:
            if ast.dump(ast.parse(new)) == original:
                continue
        except SyntaxError:
            continue
        out.append(Mutant(kind, line, function, description, new))
    return out


def ordered_mutants(source: str, rng: random.Random) -> list[Mutant]:
    """All mutants in a seeded order that alternates kinds, so no one kind (constants are the
    most numerous) crowds out the others when the first few that the tests catch are kept."""
    by_kind: dict[str, list[Mutant]] = {}
    for m in all_mutants(source):
        by_kind.setdefault(m.kind, []).append(m)
    # A weighted shuffle of the kinds (Efraimidis-Spirakis keys): a dropped `return` is caught
    # by nearly any test, so at equal weight it would make up a third of the cases.
    kinds = sorted(by_kind, key=lambda k: -rng.random() ** (1.0 / KIND_WEIGHTS.get(k, 1.0)))
    for k in kinds:
        rng.shuffle(by_kind[k])
    out = []
    while any(by_kind.values()):
        for k in kinds:
            if by_kind[k]:
                out.append(by_kind[k].pop())
    return out
