"""The one results format: a search's candidates as fix --json, the benchmarks'
results.jsonl and training rollouts all write them, and the one reader of JSONL files
that an interrupted run may have cut short."""

from __future__ import annotations

import json
from pathlib import Path

from .core import Candidate
from .search import SearchResult


def candidate_record(c: Candidate) -> dict:
    """One candidate as fix --json, the benchmarks' results.jsonl and training rollouts all
    write it. ``passed``: the tests the search could see; ``private_passed`` (benchmarks and
    rollouts only): the hidden ones too."""
    ev = c.evaluation
    rec = {"turn": c.turn, "index": c.index, "strategy": c.strategy, "answer": c.answer, "code": ev.code,
           "valid": ev.valid, "unchanged": ev.unchanged, "passed": ev.passed, "n_passed": ev.n_passed,
           "n_total": ev.n_total, "score": c.score if c.scored else None, "tokens": c.tokens,
           "gen_seconds": round(c.gen_seconds, 3), "test_seconds": round(ev.seconds, 3), "reason": ev.reason}
    if ev.private_passed is not None:
        rec["private_passed"] = ev.private_passed
    if ev.behaviour is not None:  # benchmarks: what a passing answer did on the probe inputs
        rec["behaviour"] = list(ev.behaviour)
        rec["examples"] = ev.examples
    return rec


def turns_record(result: SearchResult) -> list[dict]:
    return [{"chosen": t.chosen, "stopped_early": t.stopped_early,
             "candidates": [candidate_record(c) for c in t.candidates]} for t in result.turns]


def read_jsonl(path: Path) -> list[dict]:
    """Every whole record of a JSONL file; a last line cut short by an interruption is skipped
    (the run that wrote it resumes and writes it again). A missing file has none."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out
