"""Stage 1: R rollouts per training problem through the same search loop and sandbox as fix.

Each rollout is a search with N=1 per turn and feedback from the public tests; every
answer is recorded with its public and private outcome.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.tasks import BenchEnvironment, BenchTask
from mucode_cli.engine import Generator, SampleParams
from mucode_cli.sandbox import Sandbox
from mucode_cli.search import Search, SearchConfig
from mucode_cli.verifier import NullVerifier


def rollout_records(task: BenchTask, generator: Generator, sandbox: Sandbox, rollouts: int, turns: int,
                    params: SampleParams, seed: int, round_index: int) -> list[dict]:
    env = BenchEnvironment(task, sandbox)
    out = []
    for r in range(rollouts):
        cfg = SearchConfig(n=1, turns=turns, select="pt", seed=seed * 100_003 + r, params=params)
        result = Search(generator, NullVerifier(), cfg).run(env)
        for t in result.turns:
            c = t.choice
            out.append({
                "task_id": task.task_id, "round": round_index, "rollout": r, "turn": t.number,
                "problem": env.problem, "messages": t.messages, "answer": c.answer,
                "code": c.evaluation.code, "valid": c.evaluation.valid,
                "public_passed": c.evaluation.passed,
                "private_passed": bool(c.evaluation.extra.get("private_passed")),
            })
    return out


def run_rollouts(tasks: list[BenchTask], generator: Generator, sandbox: Sandbox, path: Path, rollouts: int,
                 turns: int, params: SampleParams, seed: int, round_index: int, progress=None) -> list[dict]:
    """Resumable: problems already in ``path`` are skipped."""
    done = set()
    if path.exists():
        for line in path.read_text().splitlines():
            try:
                done.add(json.loads(line)["task_id"])
            except (json.JSONDecodeError, KeyError):
                continue
    with open(path, "a", encoding="utf-8") as f:
        for task in tasks:
            if task.task_id not in done:
                for rec in rollout_records(task, generator, sandbox, rollouts, turns, params, seed, round_index):
                    f.write(json.dumps(rec) + "\n")
                f.flush()
            if progress:
                progress(task)
    return load_jsonl(path)


def load_jsonl(path: Path) -> list[dict]:
    out = []
    for line in path.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out
