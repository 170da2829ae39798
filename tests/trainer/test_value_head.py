"""Training and measuring a value head: numpy fitting on a known signal, the metrics on
hand-counted cases, the resumable feature cache, and ``mucode train-head`` end to end with
the real tiny model."""

import json

import numpy as np
import pytest

from mucode_cli.errors import UserError
from mucode_cli.value_head import load_head
from tests.mucode_cli.test_cli import mucode
from trainer.value_head import Dataset, Item, extract_features, fit, is_test_problem, load_results, metrics


def _cand(code, passed, private, valid=True):
    return {"turn": 1, "index": 0, "strategy": "sample", "answer": code, "code": code, "valid": valid,
            "passed": passed, "private_passed": private, "n_passed": int(passed), "n_total": 1}


def write_results(folder, problems):
    """A benchmark results folder: {task_id: [turn, ...]}, a turn a list of candidates."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "results.jsonl", "w") as f:
        for task_id, turns in problems.items():
            rec = {"task_id": task_id, "search": 0, "problem": f"Solve {task_id}.", "success_by_turn": [False],
                   "turns": [{"chosen": 0, "candidates": t} for t in turns]}
            f.write(json.dumps(rec) + "\n")
    return folder


def test_fit_learns_a_signal_the_zero_shot_score_misses():
    rng = np.random.default_rng(0)
    n, d = 600, 32
    groups = [f"P/{i // 6}" for i in range(n)]
    hidden = rng.normal(size=(n, d))
    labels = hidden @ rng.normal(size=d) + 0.3 * rng.normal(size=n) > 0
    zs = rng.normal(size=n)  # unrelated to the labels
    data = Dataset([Item(g, "p", f"c{i}", bool(y), True) for i, (g, y) in enumerate(zip(groups, labels))],
                   [list(range(k, k + 6)) for k in range(0, n, 6)])
    base = metrics(zs, data)
    for loss in ("bt", "bce"):
        a, w, b = fit(zs, hidden, labels, groups, 1.0, loss)
        mine = metrics(a * zs + hidden @ w + b, data)
        assert mine["pairwise_accuracy"] > 0.9 > 0.6 > base["pairwise_accuracy"]
        assert mine["selection_accuracy"] > base["selection_accuracy"] + 0.3
    # Strong regularisation leaves the hidden state out: the zero-shot score, rescaled.
    _, w, _ = fit(zs, hidden, labels, groups, 1e9, "bt")
    assert np.abs(w).max() < 1e-3
    with pytest.raises(UserError, match="nothing to rank"):
        fit(zs[:6], hidden[:6], np.zeros(6, bool), groups[:6], 1.0, "bt")


def test_metrics_count_ties_and_public_sets():
    items = [Item("A", "p", "a1", True, True), Item("A", "p", "a2", False, True), Item("A", "p", "a3", False, False),
             Item("B", "q", "b1", True, True), Item("B", "q", "b2", False, False)]
    data = Dataset(items, [[0, 1, 2], [3, 4]])
    m = metrics(np.array([1.0, 1.0, 5.0, 0.0, 2.0]), data)
    # Pairs: (a1,a2) tie 0.5, (a1,a3) lost, (b1,b2) lost.
    assert m["pairs"] == 3 and m["pairwise_accuracy"] == pytest.approx(0.5 / 3, abs=1e-4)
    assert m["selection_accuracy"] == 0.0 and m["selection_sets"] == 2
    # Among candidates that passed the public test: A's a1/a2 tie (half), B has one only.
    assert m["public_tie_accuracy"] == 0.5 and m["public_tie_sets"] == 1
    assert m["selection_chance"] == pytest.approx((1 / 3 + 1 / 2) / 2, abs=1e-4)


def test_load_results_labels_dedups_and_refuses_old_folders(tmp_path):
    folder = write_results(tmp_path / "r", {"MBPP/601": [[_cand("x=1", True, True), _cand("x=2", True, False),
                                                           _cand("", False, False, valid=False)],
                                                          [_cand("x=1", True, True)]]})
    data = load_results([folder])
    assert [(it.code, it.label, it.public) for it in data.items] == [("x=1", True, True), ("x=2", False, True)]
    assert data.sets == [[0, 1], [0]]
    left = load_results([folder], leave_out=lambda g: g == "MBPP/601")
    assert left.items == [] and left.left_out == {"MBPP/601"}
    old = tmp_path / "old"
    old.mkdir()
    (old / "results.jsonl").write_text(json.dumps({"task_id": "MBPP/1", "search": 0, "turns": []}) + "\n")
    with pytest.raises(UserError, match="before results recorded the problem"):
        load_results([old])
    with pytest.raises(UserError, match="no results.jsonl"):
        load_results([tmp_path / "nowhere"])
    assert is_test_problem("HumanEval/3") and is_test_problem("MBPP/11") and is_test_problem("MBPP/510")
    assert not is_test_problem("MBPP/511") and not is_test_problem("MBPP/10")


def test_repair_records_are_training_data_grouped_by_their_problem(tmp_path):
    """A repair case runs all its tests on every candidate: passing them is the label."""
    folder = tmp_path / "repair"
    folder.mkdir()
    recs = [{"case_id": f"MBPP/{i}", "origin": f"MBPP/{i}", "search": 0, "problem": f"Fix {i}.",
             "success_by_turn": [True], "turns": [{"chosen": 0, "candidates": [
                 {"code": "good", "valid": True, "passed": True}, {"code": "bad", "valid": True, "passed": False}]}]}
            for i in (601, 12)]
    (folder / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    data = load_results([folder], leave_out=is_test_problem)
    assert [(it.group, it.problem, it.code, it.label) for it in data.items] == [
        ("MBPP/601", "Fix 601.", "good", True), ("MBPP/601", "Fix 601.", "bad", False)]
    assert data.left_out == {"MBPP/12"}


def test_informative_problems_and_replayed_selection(tmp_path):
    """Only mixed problems keep candidates (the rest need no features); every search still
    counts in the replay, with its recorded outcome where the choice could not differ."""
    folder = write_results(tmp_path / "r", {
        "MBPP/601": [[_cand("bad", False, False)], [_cand("ok", True, True), _cand("wrong", True, False)]],
        "MBPP/602": [[_cand("all", True, True), _cand("fine", True, True)]],
        "MBPP/603": [[_cand("no", False, False)]]})
    lines = [json.loads(x) for x in (folder / "results.jsonl").read_text().splitlines()]
    lines[1]["success_by_turn"] = [True]  # 602 solved, 601 recorded as a wrong pick
    (folder / "results.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    data = load_results([folder]).informative()
    assert [it.code for it in data.items] == ["bad", "ok", "wrong"]
    assert data.sets == [[0], [1, 2]]
    assert data.finals == [([1, 2], False), ([], True), ([], False)]
    m = metrics(np.array([0.0, 2.0, 1.0]), data)  # "ok" on top: 601 now solved
    assert m["searches"] == 3 and m["recorded_success"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["replayed_success"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics(np.array([0.0, 1.0, 1.0]), data)["replayed_success"] == pytest.approx(1.5 / 3, abs=1e-4)


def test_feature_cache_resumes(tmp_path):
    items = [Item("A", "p", f"c{i}", i % 2 == 0, True) for i in range(4)]
    calls = []

    def featurize(problem, code):
        calls.append(code)
        return float(len(calls)), np.full(3, float(len(calls)), dtype=np.float32)

    cache = tmp_path / "f.jsonl"
    zs, hidden = extract_features(items[:2], featurize, cache)
    assert calls == ["c0", "c1"] and hidden.shape == (2, 3)
    zs2, hidden2 = extract_features(items, featurize, cache)
    assert calls == ["c0", "c1", "c2", "c3"]  # the first two came from the cache
    assert list(zs2[:2]) == list(zs) and np.array_equal(hidden2[:2], hidden)
    extract_features(items[:1], featurize, cache, model="another model")
    assert calls[-1] == "c0" and len(calls) == 5  # another model's features are not reused


GOOD, BAD = "def f(x):\n    return x + 1\n", "def f(x):\n    return x - 1\n"


def train_and_held_out(tmp_path):
    """Results folders for the end-to-end runs: 6 training problems with a passing, a failing
    public passer and a failing answer each, plus a test id (left out); one held-out problem."""
    probs = {f"MBPP/{600 + i}": [[_cand(GOOD + f"# {i}\n", True, True), _cand(BAD + f"# {i}\n", True, False),
                                   _cand(f"def f(x):\n    return {i}\n", False, False)]] for i in range(1, 7)}
    probs["MBPP/12"] = [[_cand(GOOD, True, True), _cand(BAD, False, False)]]
    held = {"HumanEval/0": [[_cand(GOOD, True, True), _cand(BAD, True, False)]]}
    return write_results(tmp_path / "train", probs), write_results(tmp_path / "held", held)


def test_train_head_end_to_end(tmp_path):
    """Real model, real hidden states: a head is written, loads, and the report compares it
    with the zero-shot verifier on held-out problems; test-split problems are left out."""
    train, held = train_and_held_out(tmp_path)
    out = tmp_path / "head.json"
    r = mucode("train-head", "--train", str(train), "--eval", str(held), "--out", str(out), "--model", "smollm2-135m",
                "--threads", "2", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "left out 1 held-out" in r.stderr
    head = load_head(out)
    assert head.trained_on["items"] == 18 and head.trained_on["problems"] == 6
    report = json.loads(out.with_suffix(".report.json").read_text())
    ev = report["eval"][str(held)]
    assert ev["zero_shot"]["pairs"] == ev["head"]["pairs"] == 1
    assert ev["random"]["pairwise_accuracy"] == 0.5  # one pair, tied: half
    assert (tmp_path / "head.features.jsonl").exists()

    # The same head measured again without training: the same numbers, features from the cache.
    rep = tmp_path / "again.json"
    r = mucode("eval-head", "--head", str(out), "--eval", str(held), "--out", str(rep), "--model", "smollm2-135m",
               "--features", str(tmp_path / "head.features.jsonl"), "--threads", "2", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    again = json.loads(rep.read_text())
    assert again["eval"][str(held)] == ev and again["train"]["items"] == 18
    assert "features 1/" not in r.stderr  # nothing recomputed

    # Bad input: one line, exit 2, nothing written.
    r = mucode("train-head", "--train", str(train), "--out", str(tmp_path / "h.txt"), cwd=tmp_path)
    assert r.returncode == 2 and "--out must name a .json file" in r.stderr and not (tmp_path / "h.txt").exists()
    r = mucode("train-head", "--train", str(tmp_path / "none"), "--out", str(tmp_path / "h2.json"), cwd=tmp_path)
    assert r.returncode == 2 and "no results.jsonl" in r.stderr and not (tmp_path / "h2.json").exists()
    alike = write_results(tmp_path / "alike", {"MBPP/700": [[_cand(GOOD, True, True), _cand(GOOD + "#\n", True, True)]]})
    r = mucode("train-head", "--train", str(alike), "--out", str(tmp_path / "h3.json"), cwd=tmp_path)
    assert r.returncode == 2 and "nothing to rank" in r.stderr and not (tmp_path / "h3.json").exists()
    r = mucode("eval-head", "--head", str(tmp_path / "absent.json"), "--eval", str(held), "--out",
               str(tmp_path / "r1.json"), cwd=tmp_path)
    assert r.returncode == 2 and "not found" in r.stderr and not (tmp_path / "r1.json").exists()
    r = mucode("eval-head", "--head", str(held / "results.jsonl"), "--eval", str(held), "--out",
               str(tmp_path / "r2.json"), cwd=tmp_path)
    assert r.returncode == 2 and "--head must be a value head" in r.stderr and not (tmp_path / "r2.json").exists()
