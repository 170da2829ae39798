"""MBPP from a JSONL file (the format of the original release)."""

from __future__ import annotations

import json
from pathlib import Path

from mucode_cli.errors import UserError

from .tasks import BenchTask

name = "mbpp"
description = "MBPP (--data FILE.jsonl); public = first assert of test_list"

SPLITS = {"prompt": range(1, 11), "test": range(11, 511), "validation": range(511, 601), "train": range(601, 975)}
FIELDS = ("text", "task_id", "test_list")


def make_task(row: dict) -> BenchTask:
    tests = list(row["test_list"])
    private = tests[1:] + list(row.get("challenge_test_list") or [])  # the reference forgot the challenge list
    return BenchTask(
        task_id=f"MBPP/{row['task_id']}", prompt=row["text"], public_tests=tests[:1], private_tests=private,
        setup_code=row.get("test_setup_code") or "",
    )


def load(data: str | None, split: str = "test") -> list[BenchTask]:
    if not data:
        raise UserError("MBPP needs its data file: pass --data mbpp.jsonl")
    path = Path(data)
    if not path.is_file():
        raise UserError(f"MBPP data file not found: {path}")
    if split != "all" and split not in SPLITS:
        raise UserError(f"unknown MBPP split {split!r}: choose from {', '.join(SPLITS)}, all")
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                if not all(k in row for k in FIELDS):
                    raise UserError(f"{path}:{n}: not an MBPP row (needs {', '.join(FIELDS)})")
                rows.append(row)
    except json.JSONDecodeError as e:
        raise UserError(f"{path}: malformed JSON line ({e.msg} at line {e.lineno})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"cannot read MBPP data {path}: {e}") from None
    if split != "all":
        rows = [r for r in rows if int(r["task_id"]) in SPLITS[split]]
    return [make_task(r) for r in sorted(rows, key=lambda r: int(r["task_id"]))]
