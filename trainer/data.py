"""Stages 2 and 4: verifier data from rollouts, and relabeling by the local search expert."""

from __future__ import annotations

import random
from collections import defaultdict


def public_passed(rec: dict) -> bool:
    # "public_passed": rollouts written before the one serializer (records.candidate_record)
    return bool(rec.get("passed", rec.get("public_passed", False)))


def label(rec: dict) -> int:
    """Positive: the answer passes every test, public and private."""
    return int(public_passed(rec) and bool(rec.get("private_passed", False)))


def by_problem(records: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        if r.get("valid", True) and r.get("code", "").strip():
            groups[r["task_id"]].append(r)
    return dict(groups)


def dedupe(answers: list[dict]) -> list[dict]:
    seen, out = set(), []
    for a in answers:
        key = a["code"].strip()
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def bt_pairs(records: list[dict], pairs_per_problem: int, seed: int) -> list[dict]:
    """(problem, positive code, negative code) pairs; one-sided problems give none."""
    rng = random.Random(seed)
    pairs = []
    for task_id, answers in sorted(by_problem(records).items()):
        answers = dedupe(answers)
        pos = [a for a in answers if label(a)]
        neg = [a for a in answers if not label(a)]
        if not pos or not neg:
            continue
        all_pairs = [(p, n) for p in pos for n in neg]
        rng.shuffle(all_pairs)
        for p, n in all_pairs[:pairs_per_problem]:
            pairs.append({"task_id": task_id, "problem": p["problem"], "pos": p["code"], "neg": n["code"]})
    return pairs


def bce_rows(records: list[dict]) -> list[dict]:
    rows = []
    for task_id, answers in sorted(by_problem(records).items()):
        for a in dedupe(answers):
            rows.append({"task_id": task_id, "problem": a["problem"], "code": a["code"], "label": label(a)})
    return rows


def score_key(task_id: str, code: str) -> str:
    """Verifier scores are per problem: the same code (``return sorted(xs)``) can be right for
    one problem and wrong for another."""
    return f"{task_id}\x00{code}"


def expert_choice(pool: list[dict], scores: dict[str, float], expert: str) -> dict | None:
    """The local search expert's pick from a problem's pool of answers (all turns).
    ``scores``: verifier scores by ``score_key``."""
    if not pool:
        return None
    score = lambda a: scores.get(score_key(a["task_id"], a["code"]), 0.0)  # noqa: E731
    if expert == "oracle":
        key = lambda a: (label(a), public_passed(a))  # noqa: E731
    elif expert == "verifier":
        key = score
    elif expert == "both":
        key = lambda a: (label(a), score(a))  # noqa: E731
    else:
        raise ValueError(f"unknown expert {expert!r}")
    return max(pool, key=key)


def relabel(records: list[dict], scores: dict[str, float], expert: str = "both",
            keep_unsolved: bool = False) -> list[dict]:
    """SFT examples: every turn state of every rollout, with the expert's answer as target.

    With the oracle in the expert ("oracle", "both"), answers that already pass every test
    keep their own answer (successful trajectories stay as they are) and problems with no
    passing answer are left out unless ``keep_unsolved`` (the paper's code trained on a
    known-wrong target there). The "verifier" expert never looks at the tests' labels: every
    turn state of every problem gets the answer it scores highest.
    """
    groups = by_problem(records)
    oracle = expert != "verifier"
    out = []
    for r in records:
        pool = groups.get(r["task_id"], [])
        if oracle and not keep_unsolved and not any(label(a) for a in pool):
            continue
        if oracle and label(r):
            target = r["answer"]
        else:
            best = expert_choice(pool, scores, expert)
            if best is None:
                continue
            target = best["answer"]
        out.append({"task_id": r["task_id"], "messages": r["messages"], "target": target})
    return out
