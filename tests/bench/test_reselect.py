"""Replaying a selection policy on recorded candidates, with the real sandbox."""

import json

import pytest

from bench.reselect import contested, main

ROW = {"task_id": 11, "text": "Add two numbers.", "code": "def add(a, b):\n    return a + b\n",
       "test_list": ["assert add(1, 2) == 3", "assert add(0, 0) == 0", "assert add(-1, 1) == 0"],
       "test_setup_code": "", "challenge_test_list": []}


def _cand(i, code, passed, private, score):
    return {"turn": 1, "index": i, "strategy": "sample", "answer": f"```python\n{code}\n```", "code": code,
            "valid": True, "passed": passed, "n_passed": int(passed), "n_total": 1, "score": score,
            "private_passed": private}


def _record():
    # Three answers pass the public test; the verifier likes the one that only returns 3.
    cands = [_cand(0, "def add(a, b):\n    return 3\n", True, False, 9.0),
             _cand(1, "def add(a, b):\n    return a + b\n", True, True, 1.0),
             _cand(2, "def add(a, b):\n    return b + a\n", True, True, 2.0),
             _cand(3, "def add(a, b):\n    return a - b\n", False, False, None)]
    return {"task_id": "MBPP/11", "search": 0, "success_by_turn": [False],
            "turns": [{"chosen": 0, "stopped_early": False, "candidates": cands}]}


def test_agreement_replayed_picks_the_answers_that_agree(tmp_path, capsys):
    data, folder = tmp_path / "mbpp.jsonl", tmp_path / "run"
    data.write_text(json.dumps(ROW) + "\n")
    folder.mkdir()
    (folder / "results.jsonl").write_text(json.dumps(_record()) + "\n")
    assert contested(_record())
    main(["mbpp", str(folder), "--data", str(data), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["contested"] == 1 and out["right_before"] == 0 and out["right_after"] == 1
    assert out["success_before"] == 0.0 and out["success_after"] == 1.0 and out["gained"] == 1
    main(["mbpp", str(folder), "--data", str(data), "--json", "--select", "pt+lv"])  # the verifier alone
    assert json.loads(capsys.readouterr().out)["right_after"] == 0


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["mbpp", str(tmp_path / "missing")])
    assert e.value.code == 2 and capsys.readouterr().err.count("\n") == 1


class _LikesSubtraction:
    """A scripted verifier: it prefers ``b + a``, whatever the recorded scores say."""

    def score(self, problem, answers):
        assert problem  # the search's problem text, as the verifier is asked it online
        return [5.0 if "b + a" in a else 0.0 for a in answers]


def test_rescore_replaces_the_recorded_scores(tmp_path):
    from bench.reselect import replay
    from mucode_cli.sandbox import Sandbox, SandboxLimits
    from mucode_cli.tasks import BenchEnvironment

    from bench.runner import load_tasks

    data = tmp_path / "mbpp.jsonl"
    data.write_text(json.dumps(ROW) + "\n")
    task = load_tasks("mbpp", str(data), "test", None, None)[0]
    env = BenchEnvironment(task, Sandbox(SandboxLimits(timeout=10)))
    assert not replay(_record(), env, "pt+lv")  # the recorded 9.0 picks `return 3`
    assert replay(_record(), env, "pt+lv", verifier=_LikesSubtraction())


def test_rescore_with_a_real_model_and_a_bad_model_name(tmp_path, capsys):
    data, folder = tmp_path / "mbpp.jsonl", tmp_path / "run"
    data.write_text(json.dumps(ROW) + "\n")
    folder.mkdir()
    (folder / "results.jsonl").write_text(json.dumps(_record()) + "\n")
    main(["mbpp", str(folder), "--data", str(data), "--json", "--select", "pt+lv", "--rescore", "smollm2-135m"])
    out = json.loads(capsys.readouterr().out)
    assert out["rescore"] == "smollm2-135m" and out["contested"] == 1 and out["right_after"] in (0, 1)
    with pytest.raises(SystemExit) as e:
        main(["mbpp", str(folder), "--data", str(data), "--rescore", "no-such-model"])
    assert e.value.code == 2 and capsys.readouterr().err.count("\n") == 1


def test_tie_seeds_measure_pt_by_its_expectation(tmp_path, capsys):
    # pt ties the three public passers and picks at random: two of the three are right.
    data, folder = tmp_path / "mbpp.jsonl", tmp_path / "run"
    data.write_text(json.dumps(ROW) + "\n")
    folder.mkdir()
    (folder / "results.jsonl").write_text(json.dumps(_record()) + "\n")
    main(["mbpp", str(folder), "--data", str(data), "--json", "--select", "pt", "--tie-seeds", "300"])
    out = json.loads(capsys.readouterr().out)
    assert out["tie_seeds"] == 300 and out["contested"] == 1
    assert 0.55 < out["right_after"] < 0.78 and out["gained"] == out["right_after"] and out["lost"] == 0
    main(["mbpp", str(folder), "--data", str(data), "--json", "--select", "pt"])  # one draw: a whole count
    assert json.loads(capsys.readouterr().out)["right_after"] in (0, 1)
    with pytest.raises(SystemExit) as e:
        main(["mbpp", str(folder), "--data", str(data), "--select", "pt", "--tie-seeds", "0"])
    assert e.value.code == 2 and "--tie-seeds" in capsys.readouterr().err


def test_out_writes_the_replayed_records_for_compare(tmp_path, capsys):
    from bench.compare import compare

    data, folder, replay_folder = tmp_path / "mbpp.jsonl", tmp_path / "run", tmp_path / "replayed"
    data.write_text(json.dumps(ROW) + "\n")
    folder.mkdir()
    (folder / "results.jsonl").write_text(json.dumps({**_record(), "seconds": 2.5}) + "\n")
    (folder / "config.json").write_text(json.dumps({"select": "pt+lv"}))
    main(["mbpp", str(folder), "--data", str(data), "--json", "--out", str(replay_folder)])
    assert json.loads(capsys.readouterr().out)["gained"] == 1
    rec = json.loads((replay_folder / "results.jsonl").read_text())
    assert rec["turns"][0]["chosen"] in (1, 2) and rec["success_by_turn"] == [True]
    assert rec["replayed"] == "pt+ex+agree+lv"
    config = json.loads((replay_folder / "config.json").read_text())
    assert config["select"] == "pt+lv" and config["replayed"]["select"] == "pt+ex+agree+lv"
    report = compare(folder, replay_folder)["paired"]
    assert report["gained"] == ["MBPP/11"] and report["difference"] == 1.0
    for bad in (folder, replay_folder):  # the recorded run itself, or a folder already written
        with pytest.raises(SystemExit) as e:
            main(["mbpp", str(folder), "--data", str(data), "--out", str(bad)])
        assert e.value.code == 2 and capsys.readouterr().err.count("\n") == 1
