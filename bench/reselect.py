"""Replay another selection policy over a finished run's recorded candidates, no generation.

The choice among a turn's candidates that pass the public test changes nothing else in a
search (it stops there either way), so where the recorded run stopped on such a turn, the
policy's pick gives exactly the result that policy would have had on the same samples.
Only searches whose passing candidates differ on the hidden tests can change; their
passing answers are run again (public test and probes) for what the policy needs.

    python -m bench.reselect humaneval results/humaneval-bon-fresh --select pt+ex+agree+lv
    python -m bench.reselect mbpp results/mbpp-sanitized-bon --data ../shared/datasets/mbpp-sanitized.jsonl
    python -m bench.reselect humaneval results/humaneval-bon-verifier-1.5b --select pt+lv --rescore qwen2.5-coder-0.5b
    python -m bench.reselect humaneval results/humaneval-bon-verifier-1.5b --select pt --tie-seeds 100
    python -m bench.reselect humaneval results/humaneval-bon-fresh --out results/humaneval-bon-fresh-examples
    python -m bench.compare results/humaneval-bon-fresh results/humaneval-bon-fresh-examples

``--tie-seeds K`` scores a policy that breaks ties at random (pt) by its expectation over K draws;
``--out FOLDER`` writes the records with the replayed choices, so that ``bench.compare`` can pair
a replay with another run problem by problem.
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


def replay(rec: dict, env: BenchEnvironment, select: str, seed: int = 0, verifier: Verifier | None = None,
           tie_seeds: int = 1) -> float:
    """Whether ``select``'s pick in the last turn passes the hidden tests; with a ``verifier``,
    the answers that pass the public test are scored again by it, as the search scores them.
    With ``tie_seeds`` > 1, the share of that many tie-breaking draws (seed, seed+1, ...) whose
    pick passes: a policy that breaks ties at random (pt) is then measured by its expectation,
    not by one draw's luck."""
    return replayed(rec, env, select, seed, verifier, tie_seeds)[0]


def replayed(rec: dict, env: BenchEnvironment, select: str, seed: int = 0, verifier: Verifier | None = None,
             tie_seeds: int = 1) -> tuple[float, dict]:
    """``replay``'s share, and the record as the first draw's pick would have left it: the last
    turn's choice, the success from that turn on, and the scores the verifier gave."""
    runs: dict[str, Evaluation] = {}
    scored: dict[str, float] = {}
    cands = []
    for c in rec["turns"][-1]["candidates"]:
        score = c["score"] or 0.0
        if not c["passed"]:  # it cannot be chosen over one that passes: as recorded
            ev = Evaluation(c["valid"], False, c["n_passed"], c["n_total"], code=c["code"])
        else:  # run again for what the policy may need (the probes)
            ev = runs.get(c["code"]) or runs.setdefault(c["code"], env.evaluate(f"```python\n{c['code']}\n```"))
            if verifier is not None:
                if c["code"] not in scored:
                    scored[c["code"]] = verifier.score(env.problem, [c["code"]])[0]
                score = scored[c["code"]]
        cands.append(Candidate(c["turn"], c["index"], c["answer"], ev, score=score))
    choose = POLICIES[select].choose
    picks = [choose(cands, None, random.Random(seed + k)) for k in range(max(1, tie_seeds))]
    share = sum(bool(cands[i].evaluation.private_passed) for i in picks) / len(picks)
    out = json.loads(json.dumps(rec))
    last = out["turns"][-1]
    last["chosen"] = picks[0]
    for c, cand in zip(last["candidates"], cands):
        if c["passed"] and verifier is not None:
            c["score"] = cand.score
    right = bool(cands[picks[0]].evaluation.private_passed)
    k = len(out["turns"]) - 1
    out["success_by_turn"] = out["success_by_turn"][:k] + [right] * (len(out["success_by_turn"]) - k)
    out["replayed"] = select
    return share, out


def _count(values) -> int | float:
    """A sum of picks: a whole count, unless tie-breaking draws were averaged."""
    total = round(sum(values), 2)
    return int(total) if total == int(total) else total


def _write(args, records: list[dict], replays: dict[int, dict]) -> None:
    """The records, the contested ones replayed, and the run's config with what was replayed."""
    from mucode_cli.writeback import write_atomic

    args.out.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(replays.get(id(r), r)) + "\n" for r in records]
    config_path = args.folder / "config.json"
    config = json.loads(config_path.read_text()) if config_path.is_file() else {}
    config["replayed"] = {"from": str(args.folder), "select": args.select, "rescore": args.rescore}
    write_atomic(args.out / "config.json", json.dumps(config, indent=2) + "\n")
    write_atomic(args.out / "results.jsonl", "".join(lines))


def _inputs(args) -> tuple[list[dict], dict]:
    """The run's records and its problems, or a UserError naming what is wrong."""
    if args.tie_seeds < 1:
        raise UserError(f"--tie-seeds wants 1 or more (got {args.tie_seeds})")
    if args.out is not None and args.out.resolve() == args.folder.resolve():
        raise UserError(f"--out must be another folder than {args.folder}: the recorded run is kept as it is")
    if args.out is not None and (args.out / "results.jsonl").exists():
        raise UserError(f"{args.out} already holds results; name a new folder")
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
    ap.add_argument("--tie-seeds", type=int, default=1, metavar="K",
                    help="average the pick over K tie-breaking draws (for pt, whose ties are random)")
    ap.add_argument("--out", type=Path, metavar="FOLDER", help="write the run's records there with the replayed "
                    "choices (the first draw's), for python -m bench.compare")
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
        done = list(pool.map(lambda r: replayed(r, BenchEnvironment(tasks[r["task_id"]], sandbox), args.select,
                                                verifier=verifier, tie_seeds=args.tie_seeds), todo))
    picks = [share for share, _ in done]
    if args.out is not None:
        _write(args, records, {id(r): rec for r, (_, rec) in zip(todo, done)})
    before = sum(r["success_by_turn"][-1] for r in records)
    recorded = [bool(r["turns"][-1]["candidates"][r["turns"][-1]["chosen"]]["private_passed"]) for r in todo]
    was = sum(recorded)
    gained = _count(max(0.0, p - w) for p, w in zip(picks, recorded))
    lost = _count(max(0.0, w - p) for p, w in zip(picks, recorded))
    right = _count(picks)
    after = before - was + sum(picks)
    n = len(records)
    out = {"folder": str(args.folder), "select": args.select, "rescore": args.rescore, "tie_seeds": args.tie_seeds,
           "searches": n, "contested": len(todo), "right_before": was, "right_after": right, "gained": gained,
           "lost": lost, "success_before": round(before / n, 4), "success_after": round(after / n, 4)}
    if args.json:
        print(json.dumps(out))
        return
    print(f"{n} searches, {len(todo)} contested (their passing answers differ on the hidden tests)")
    print(f"  recorded choice right in {was}, {args.select} right in {right} ({gained} gained, {lost} lost)")
    print(f"  success {before / n:.1%} -> {after / n:.1%}")


if __name__ == "__main__":
    main()
