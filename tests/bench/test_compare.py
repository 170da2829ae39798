"""Comparing two result folders: paired on the problems both have, with each run's anatomy."""

import json

import pytest

from bench import compare


def _cand(passed, private):
    return {"passed": passed, "private_passed": private, "code": "def f(): pass"}


def _rec(task, solved, turns, seconds, search=0, chosen=_cand(True, True), others=()):
    """A record as ``bench.runner.record`` writes it, with what compare reads."""
    turn_list = [{"chosen": 0, "candidates": [_cand(False, False)]} for _ in range(turns - 1)]
    turn_list.append({"chosen": 0, "candidates": [chosen, *others]})
    return {"task_id": task, "search": search, "success_by_turn": [solved] * 3, "seconds": seconds,
            "turns": turn_list}


def _folder(tmp_path, name, records):
    d = tmp_path / name
    d.mkdir()
    (d / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return d


def test_paired_difference_gains_losses_and_anatomy(tmp_path, capsys):
    a = _folder(tmp_path, "a", [_rec("P/1", True, 1, 10), _rec("P/2", False, 1, 10, chosen=_cand(True, False)),
                                _rec("P/3", False, 1, 10, chosen=_cand(False, False)),
                                _rec("P/9", True, 1, 10)])  # only A has P/9: not compared
    b = _folder(tmp_path, "b", [
        _rec("P/1", False, 3, 90, chosen=_cand(False, False)),
        # two searches of P/2: one solves it, so its rate is 0.5
        _rec("P/2", True, 1, 20), _rec("P/2", False, 1, 20, search=1, chosen=_cand(True, False),
                                       others=[_cand(True, True)]),
        _rec("P/3", True, 1, 20),
    ])
    report = compare.compare(a, b)
    p = report["paired"]
    assert p["problems"] == 3
    assert p["a"] == pytest.approx(1 / 3, abs=1e-4) and p["b"] == pytest.approx(1.5 / 3, abs=1e-4)
    # differences -1, +0.5, +1: mean 1/6, sample standard deviation / sqrt(3)
    assert p["difference"] == pytest.approx(1 / 6, abs=1e-4)
    assert p["stderr"] == pytest.approx(((((-1 - 1 / 6) ** 2 + (0.5 - 1 / 6) ** 2 + (1 - 1 / 6) ** 2) / 2) ** 0.5)
                                        / 3 ** 0.5, abs=1e-4)
    assert p["gained"] == ["P/2", "P/3"] and p["lost"] == ["P/1"]

    an = report["anatomy"]["b"]
    assert an["searches"] == 4
    assert an["ended_at_turn"][1]["searches"] == 3 and an["ended_at_turn"][1]["solved"] == 2
    assert an["ended_at_turn"][3] == {"searches": 1, "solved": 0, "seconds": 90.0, "time_share": 0.6}
    assert an["chose_public_pass_private_fail"] == 1
    assert an["oracle"] == 3  # P/2's second search had a passer the choice missed
    assert report["anatomy"]["a"]["oracle"] == 2

    assert compare.main([str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "B - A +16.7 points" in out and "B solves 2 that A does not, and loses 1" in out


def test_a_folder_without_results_is_one_line_exit_2(tmp_path, capsys):
    b = _folder(tmp_path, "b", [_rec("P/1", True, 1, 10)])
    assert compare.main([str(tmp_path / "missing"), str(b)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: no finished problems in") and "\n" not in err


def test_a_record_that_is_not_a_benchmark_result_is_one_line_exit_2(tmp_path, capsys):
    a = _folder(tmp_path, "a", [_rec("P/1", True, 1, 10)])
    b = _folder(tmp_path, "b", [{"task_id": "P/1", "search": 0, "success_by_turn": [True]}])  # no turns
    assert compare.main([str(a), str(b)]) == 2
    err = capsys.readouterr().err.strip()
    assert "is not a benchmark result" in err and "\n" not in err


def test_repair_runs_are_paired_by_case_and_have_no_hidden_tests(tmp_path):
    def case(case_id, fixed, seconds):
        cand = {"passed": fixed, "code": "x = 1"}  # a repair candidate: its tests are all there is
        return {"case_id": case_id, "search": 0, "success_by_turn": [fixed] * 3, "seconds": seconds,
                "fixed": fixed, "turns": [{"chosen": 0, "candidates": [cand]}]}

    error = {"case_id": "MBPP/3", "search": 0, "success_by_turn": [False] * 3, "seconds": 1.0, "fixed": False,
             "error": "the tests already pass"}  # no turns: the case never started
    a = _folder(tmp_path, "a", [case("MBPP/1", True, 5), case("MBPP/2", False, 30), error])
    # B ran from the cases folder A wrote, whose names stand for the ids ("MBPP/2" in MBPP_2/)
    b = _folder(tmp_path, "b", [case("MBPP_1", True, 7), case("MBPP_2", True, 9), error])
    report = compare.compare(a, b)
    assert report["paired"]["problems"] == 3 and report["paired"]["gained"] == ["MBPP_2"]
    an = report["anatomy"]["b"]
    assert an["chose_public_pass_private_fail"] == 0 and an["oracle"] == 2
    assert an["ended_at_turn"][0]["searches"] == 1 and an["ended_at_turn"][1]["solved"] == 2
