"""MBPP from a JSONL file (the format of the original release)."""

from __future__ import annotations

import json
from pathlib import Path

from mucode_cli.errors import UserError

from mucode_cli.tasks import BenchTask

name = "mbpp"
description = "MBPP (--data FILE.jsonl); public = first assert of test_list"

SPLITS = {"prompt": range(1, 11), "test": range(11, 511), "validation": range(511, 601), "train": range(601, 975)}
FIELDS = ("task_id", "test_list")


def normalize(row: dict) -> dict:
    """One row shape for both releases: the original (``text``, ``test_setup_code``) and the
    sanitized subset (``prompt``, ``test_imports``)."""
    if "text" not in row and "prompt" not in row:
        raise KeyError("text")
    setup = row.get("test_setup_code") or "\n".join(row.get("test_imports") or [])
    return {**row, "text": row.get("text", row.get("prompt")), "test_setup_code": setup,
            "code": (row.get("code") or "").replace("\r\n", "\n")}


def make_task(row: dict) -> BenchTask:
    row = normalize(row)
    tests = list(row["test_list"])
    private = tests[1:] + list(row.get("challenge_test_list") or [])  # the reference forgot the challenge list
    return BenchTask(
        task_id=f"MBPP/{row['task_id']}", prompt=row["text"], public_tests=tests[:1], private_tests=private,
        setup_code=row.get("test_setup_code") or "",
    )


def load(data: str | None, split: str = "test") -> list[BenchTask]:
    return [make_task(r) for r in load_rows(data, split)]


def load_rows(data: str | None, split: str = "test") -> list[dict]:
    """The rows of a split (``train,validation`` joins splits), normalized, by task id."""
    if not data:
        raise UserError("MBPP needs its data file: pass --data mbpp.jsonl")
    path = Path(data)
    if not path.is_file():
        raise UserError(f"MBPP data file not found: {path}")
    parts = [p.strip() for p in split.split(",") if p.strip()]
    bad = [p for p in parts if p != "all" and p not in SPLITS]
    if bad or not parts:
        raise UserError(f"unknown MBPP split {split!r}: choose from {', '.join(SPLITS)}, all (or several, "
                        "comma-separated)")
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                try:
                    if not isinstance(row, dict) or not all(k in row for k in FIELDS):
                        raise KeyError
                    rows.append(normalize(row))
                except KeyError:
                    raise UserError(f"{path}:{n}: not an MBPP row (needs task_id, test_list, and text or "
                                    "prompt)") from None
    except json.JSONDecodeError as e:
        raise UserError(f"{path}: malformed JSON line ({e.msg} at line {e.lineno})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"cannot read MBPP data {path}: {e}") from None
    if "all" not in parts:
        rows = [r for r in rows if any(int(r["task_id"]) in SPLITS[p] for p in parts)]
    return sorted(rows, key=lambda r: int(r["task_id"]))
