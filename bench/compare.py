"""Two benchmark result folders compared on the problems both have finished.

A headline rate with its standard error says how well one run did; whether run B beats run A
is a paired question: the same problems, so the standard error of the per-problem difference
is what tells a finding from luck (a partial run is compared on the problems it has). Each
run also gets its anatomy: in which turn the searches ended and what share of the time each
kind took, how often the chosen answer passed the public test and failed the private ones, and
the oracle (some candidate passed both): the room better selection has.

    python -m bench.compare results/mbpp-sanitized-greedy results/mbpp-sanitized-bon
    python -m bench.compare results/repair-test-0.5b results/repair-test-1.5b   # repair runs, by case
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from pathlib import Path

from .repair import case_folder_name
from .runner import read_records


def final_rates(records: list[dict]) -> dict[str, float]:
    """Each problem's (or repair case's) success at the last turn, averaged over its searches."""
    by_problem: dict[str, list[bool]] = {}
    for r in records:
        key = r["task_id"] if "task_id" in r else case_folder_name(r["case_id"])
        by_problem.setdefault(key, []).append(bool(r["success_by_turn"][-1]))
    return {t: sum(v) / len(v) for t, v in by_problem.items()}


def paired(a: dict[str, float], b: dict[str, float]) -> dict:
    """B against A on the problems both have: rates, the mean difference and its standard error."""
    common = sorted(set(a) & set(b))
    n = len(common)
    diffs = [b[t] - a[t] for t in common]
    return {
        "problems": n,
        "a": round(sum(a[t] for t in common) / n, 4) if n else 0.0,
        "b": round(sum(b[t] for t in common) / n, 4) if n else 0.0,
        "difference": round(sum(diffs) / n, 4) if n else 0.0,
        "stderr": round(statistics.stdev(diffs) / math.sqrt(n), 4) if n > 1 else 0.0,
        "gained": [t for t in common if b[t] > a[t]],
        "lost": [t for t in common if b[t] < a[t]],
    }


def anatomy(records: list[dict]) -> dict:
    """Where one run's searches ended and where its time went."""
    ended: dict[int, dict] = {}
    wrong_pass = oracle = 0
    for r in records:
        turns = r.get("turns") or []  # none: a repair case that could not start (its error is recorded)
        e = ended.setdefault(len(turns), {"searches": 0, "solved": 0, "seconds": 0.0})
        e["searches"] += 1
        e["solved"] += bool(r["success_by_turn"][-1])
        e["seconds"] += r["seconds"]
        last = turns[-1] if turns else {"candidates": []}
        chosen = last["candidates"][last["chosen"]] if last["candidates"] else None
        # A repair case has no hidden tests (private_passed absent or None): its tests are all there is.
        if chosen and chosen["passed"] and chosen.get("private_passed") is False:
            wrong_pass += 1
        oracle += any(c["passed"] and c.get("private_passed") is not False for t in turns for c in t["candidates"])
    total = sum(e["seconds"] for e in ended.values()) or 1.0
    return {
        "searches": len(records),
        "ended_at_turn": {k: {**e, "seconds": round(e["seconds"], 1), "time_share": round(e["seconds"] / total, 3)}
                          for k, e in sorted(ended.items())},
        "chose_public_pass_private_fail": wrong_pass,
        "oracle": oracle,
    }


def _records(folder: Path) -> list[dict]:
    """A HumanEval/MBPP folder's records (by problem), else a repair folder's (by case)."""
    return read_records(folder) or read_records(folder, "case_id")


def compare(a: Path, b: Path) -> dict:
    ra, rb = _records(a), _records(b)
    for path, recs in ((a, ra), (b, rb)):
        if not recs:
            raise ValueError(f"no finished problems in {path / 'results.jsonl'}")
    try:
        return {"a": str(a), "b": str(b), "paired": paired(final_rates(ra), final_rates(rb)),
                "anatomy": {"a": anatomy(ra), "b": anatomy(rb)}}
    except (KeyError, IndexError, TypeError) as e:  # a folder of another tool, or a record edited by hand
        raise ValueError(f"a record in {a} or {b} is not a benchmark result ({type(e).__name__}: {e})") from None


def _print(report: dict) -> None:
    p = report["paired"]
    print(f"A: {report['a']}\nB: {report['b']}")
    print(f"on the {p['problems']} problems both have: A {100 * p['a']:.1f} %, B {100 * p['b']:.1f} %, "
          f"B - A {100 * p['difference']:+.1f} points (paired standard error {100 * p['stderr']:.1f})")
    print(f"B solves {len(p['gained'])} that A does not, and loses {len(p['lost'])}")
    for name in ("a", "b"):
        an = report["anatomy"][name]
        print(f"{name.upper()}: {an['searches']} searches; chosen answer passed public and failed private: "
              f"{an['chose_public_pass_private_fail']}; some candidate passed everything: {an['oracle']}")
        for k, e in an["ended_at_turn"].items():
            print(f"   ended at turn {k}: {e['searches']} searches, {e['solved']} solved, "
                  f"{100 * e['time_share']:.0f} % of the time ({e['seconds'] / e['searches']:.0f} s each)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path, help="the baseline result folder (with results.jsonl)")
    ap.add_argument("b", type=Path, help="the result folder compared with it")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    try:
        report = compare(args.a, args.b)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
