"""Pair building and relabeling (no model needed)."""

import pytest

from trainer.data import bce_rows, bt_pairs, expert_choice, relabel, score_key


def rec(task, code, pub, priv, turn=1, rollout=0):
    return {"task_id": task, "problem": f"problem {task}", "code": code, "answer": f"```python\n{code}\n```",
            "valid": True, "passed": pub, "private_passed": priv, "turn": turn, "rollout": rollout,
            "messages": [{"role": "user", "content": f"problem {task} turn {turn} rollout {rollout}"}]}


RECORDS = [
    rec("A", "good", True, True), rec("A", "sneaky", True, False, turn=1, rollout=1),
    rec("A", "bad", False, False, turn=2, rollout=1), rec("A", "bad", False, False, turn=1, rollout=2),
    rec("B", "b1", False, False), rec("B", "b2", False, False, turn=2),
    rec("C", "c1", True, True),
]


def test_pairs_need_both_labels_and_are_seeded_and_deduplicated():
    pairs = bt_pairs(RECORDS, 32, seed=0)
    assert {p["task_id"] for p in pairs} == {"A"}  # B has no positive, C no negative
    assert {(p["pos"], p["neg"]) for p in pairs} == {("good", "sneaky"), ("good", "bad")}
    assert bt_pairs(RECORDS, 1, seed=0) == bt_pairs(RECORDS, 1, seed=0)
    assert len(bt_pairs(RECORDS, 1, seed=0)) == 1


def test_bce_rows_label_by_all_tests():
    rows = {(r["task_id"], r["code"]): r["label"] for r in bce_rows(RECORDS)}
    assert rows[("A", "good")] == 1 and rows[("A", "sneaky")] == 0 and len(rows) == 6


def keyed(task_scores):
    return {score_key(t, c): v for (t, c), v in task_scores.items()}


def test_expert_choices():
    pool = [r for r in RECORDS if r["task_id"] == "A"]
    scores = keyed({("A", "good"): -1.0, ("A", "sneaky"): 5.0, ("A", "bad"): 0.0})
    assert expert_choice(pool, scores, "oracle")["code"] == "good"
    assert expert_choice(pool, scores, "verifier")["code"] == "sneaky"
    assert expert_choice(pool, scores, "both")["code"] == "good"
    with pytest.raises(ValueError):
        expert_choice(pool, scores, "magic")


def test_scores_are_per_problem():
    # The same code scored high for one problem must not win another problem's pool.
    pool = [rec("D", "same", False, False), rec("D", "other", False, False)]
    scores = keyed({("A", "same"): 9.0, ("D", "same"): -1.0, ("D", "other"): 1.0})
    assert expert_choice(pool, scores, "verifier")["code"] == "other"


def test_relabel_uses_the_expert_and_skips_unsolved_unless_asked():
    scores = keyed({("A", "good"): 0.0, ("A", "sneaky"): 5.0, ("A", "bad"): 0.0})
    ex = relabel(RECORDS, scores, "both")
    assert {e["task_id"] for e in ex} == {"A", "C"}  # B unsolved: left out
    targets = [e["target"] for e in ex if e["task_id"] == "A"]
    assert len(targets) == 4 and all("good" in t for t in targets)  # every turn state of A
    kept = relabel(RECORDS, scores, "both", keep_unsolved=True)
    assert {e["task_id"] for e in kept} == {"A", "B", "C"}
    # The verifier-only expert follows the scores alone, even to a wrong answer, and even
    # where an answer passes (no oracle labels anywhere); unsolved B is in, by its scores.
    scores["\x00".join(("B", "b2"))] = 1.0
    ex = relabel(RECORDS, scores, "verifier")
    assert {e["task_id"] for e in ex} == {"A", "B", "C"}
    assert [e["target"] for e in ex if e["task_id"] == "A"] == ["```python\nsneaky\n```"] * 4
    assert [e["target"] for e in ex if e["task_id"] == "B"] == ["```python\nb2\n```"] * 2


def test_bce_never_trains_on_held_out_problems():
    from trainer.verifier_train import bce_training_rows, split_by_problem

    records = [rec(t, f"{t}-{c}", c == "ok", c == "ok") for t in "ABCDEFGHIJ" for c in ("ok", "bad")]
    train_pairs, test_pairs = split_by_problem(bt_pairs(records, 4, seed=0), 0.1, seed=1)
    assert test_pairs  # 10 problems: one held out
    rows = bce_training_rows(bce_rows(records), test_pairs)
    assert {r["task_id"] for r in rows} == {p["task_id"] for p in train_pairs}
