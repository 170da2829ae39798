"""Replay another selection policy over a finished run's recorded candidates, no generation.

The choice among a turn's candidates that pass the public test changes nothing else in a
search (it stops there either way), so where the recorded run stopped on such a turn, the
policy's pick gives exactly the result that policy would have had on the same samples.
Only searches whose passing candidates differ on the hidden tests can change; their
passing answers are run again (public test and probes) for what the policy needs.

    python -m bench.reselect humaneval results/humaneval-bon-fresh --select pt+ex+agree+lv
    python -m bench.reselect mbpp results/mbpp-sanitized-bon --data ../shared/datasets/mbpp-sanitized.jsonl
    python -m bench.reselect humaneval results/humaneval-bon-verifier-1.5b --select pt+lv --rescore qwen2.5-coder-0.5b
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mucode_cli.core import Candidate, Evaluation, Verifier
from mucode_cli.errors import UserError
from mucode_cli.sandbox import Sandbox, SandboxLimits
from mucode_cli.selection import POLICIES

from .runner import load_tasks, read_records
from mucode_cli.tasks import BenchEnvironment


def contested(rec: dict) -> bool:
    """The search stopped on a public pass, and its passing answers differ on the hidden tests."""
    turn = rec["turns"][-1]
    if not turn["candidates"][turn["chosen"]]["passed"]:
        return False
    passing = [c for c in turn["candidates"] if c["passed"]]
    return len({bool(c["private_passed"]) for c in passing}) == 2


def replay(rec: dict, env: BenchEnvironment, select: str, seed: int = 0, verifier: Verifier | None = None) -> bool:
    """Whether ``select``'s pick in the last turn passes the hidden tests; with a ``verifier``,
    the answers that pass the public test are scored again by it, as the search scores them."""
    runs: dict[str, Evaluation] = {}
    cands = []
    for c in rec["turns"][-1]["candidates"]:
        score = c["score"] or 0.0
        if not c["passed"]:  # it cannot be chosen over one that passes: as recorded
            ev = Evaluation(c["valid"], False, c["n_passed"], c["n_total"], code=c["code"])
        else:  # run again for what the policy may need (the probes)
            ev = runs.get(c["code"]) or runs.setdefault(c["code"], env.evaluate(f"```python\n{c['code']}\n```"))
            if verifier is not None:
                score = verifier.score(env.problem, [c["code"]])[0]
        cands.append(Candidate(c["turn"], c["index"], c["answer"], ev, score=score))
    pick = POLICIES[select].choose(cands, None, random.Random(seed))
    return bool(cands[pick].evaluation.private_passed)


def _inputs(args) -> tuple[list[dict], dict]:
    """The run's records and its problems, or a UserError naming what is wrong."""
    if args.select not in POLICIES:
        raise UserError(f"unknown selection policy {args.select!r}; choose from {', '.join(POLICIES)}")
    records = read_records(args.folder)
    if not records:
        raise UserError(f"no results in {args.folder} (a folder written by mucode bench)")
    tasks = {t.task_id: t for t in load_tasks(args.benchmark, args.data, args.split, None, None,
                                               Sandbox(SandboxLimits(timeout=10)))}
    missing = sorted({r["task_id"] for r in records} - set(tasks))
    if missing:
        raise UserError(f"{args.folder} holds problems that {args.benchmark} --split {args.split} has not "
                        f"({missing[0]}, ...)")
    return records, tasks


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("benchmark")
    ap.add_argument("folder", type=Path)
    ap.add_argument("--data")
    ap.add_argument("--split", default="test")
    ap.add_argument("--select", default="pt+ex+agree+lv")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rescore", metavar="MODEL", help="score the contested searches' passing answers again with "
                    "this model's zero-shot verifier (a known model name or GGUF path) instead of the recorded scores")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    try:
        records, tasks = _inputs(args)
    except UserError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
    sandbox = Sandbox(SandboxLimits(timeout=10))
    todo = [r for r in records if contested(r)]
    verifier = None
    if args.rescore:
        from mucode_cli.engine import load_model
        from mucode_cli.verifier import LlamaVerifier

        try:
            verifier = LlamaVerifier(load_model(args.rescore))
        except UserError as e:
            print(f"error: {e}", file=sys.stderr)
            sys.exit(2)
        args.workers = 1  # one model, one context: scored one search at a time
    with ThreadPoolExecutor(max(1, args.workers)) as pool:
        picks = list(pool.map(lambda r: replay(r, BenchEnvironment(tasks[r["task_id"]], sandbox), args.select,
                                               verifier=verifier), todo))
    before = sum(r["success_by_turn"][-1] for r in records)
    recorded = [bool(r["turns"][-1]["candidates"][r["turns"][-1]["chosen"]]["private_passed"]) for r in todo]
    was = sum(recorded)
    gained = sum(p and not w for p, w in zip(picks, recorded))
    lost = sum(w and not p for p, w in zip(picks, recorded))
    after = before - was + sum(picks)
    n = len(records)
    out = {"folder": str(args.folder), "select": args.select, "rescore": args.rescore, "searches": n, "contested": len(todo),
           "right_before": was, "right_after": sum(picks), "gained": gained, "lost": lost, "success_before": round(before / n, 4),
           "success_after": round(after / n, 4)}
    if args.json:
        print(json.dumps(out))
        return
    print(f"{n} searches, {len(todo)} contested (their passing answers differ on the hidden tests)")
    print(f"  recorded choice right in {was}, {args.select} right in {sum(picks)} ({gained} gained, {lost} lost)")
    print(f"  success {before / n:.1%} -> {after / n:.1%}")


if __name__ == "__main__":
    main()
