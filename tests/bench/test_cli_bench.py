"""One real ``mucode bench`` run with the tiny model: output files and JSON fields."""

import json
import os
import subprocess
import sys
from pathlib import Path

MBPP = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "mbpp.jsonl"


def mucode(*args):
    return subprocess.run([sys.executable, "-m", "mucode_cli.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=900, env=dict(os.environ, COLUMNS="200"), stdin=subprocess.DEVNULL)


def test_bench_humaneval_two_problems_with_tiny_model(tmp_path):
    out = tmp_path / "run"
    r = mucode("bench", "humaneval", "--model", "smollm2-135m", "--limit", "2", "-n", "2", "--turns", "2",
               "--max-tokens", "48", "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    for key in ("benchmark", "problems", "n", "turns", "select", "success_by_turn", "seconds", "model"):
        assert key in summary
    assert summary["problems"] == 2 and len(summary["success_by_turn"]) == 2
    assert summary["select"] == "pt+ex+agree+lv"  # the benchmark default
    assert all(0.0 <= x <= 1.0 for x in summary["success_by_turn"])
    assert (out / "success_by_turn.png").read_bytes()[:4] == b"\x89PNG"
    recs = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["task_id"] for r in recs] == ["HumanEval/0", "HumanEval/1"]
    cand = recs[0]["turns"][0]["candidates"][0]
    assert {"code", "passed", "private_passed", "score", "tokens"} <= set(cand)
    probed = [c for r in recs for t in r["turns"] for c in t["candidates"] if "behaviour" in c]
    assert all(c["passed"] and len(c["behaviour"]) > 1 for c in probed)
    # The default lead: every answer begins with a python block and the problem's own stub.
    from bench import humaneval
    stub = {t.task_id: t.stub for t in humaneval.load()[:2]}
    config = json.loads((out / "config.json").read_text())
    # With the lead, later turns ask afresh: in the chat they typed their own answer back.
    assert config["prompt"] == "lead" and config["variant"] == {"rewrite_later": 2}
    later = [c for r in recs for t in r["turns"][1:] for c in t["candidates"]]
    assert later and all(c["strategy"] == "rewrite" for c in later)
    assert all(c["answer"].startswith("```python\n" + stub[r["task_id"]])
               for r in recs for t in r["turns"] for c in t["candidates"])
    # Re-running with the same --out resumes: nothing left to do.
    again = mucode("bench", "humaneval", "--model", "smollm2-135m", "--limit", "2", "-n", "2", "--turns", "2",
                   "--max-tokens", "48", "--out", out, "--json")
    assert again.returncode == 0
    assert len((out / "results.jsonl").read_text().splitlines()) == 2
    # A folder of the chat's later turns (as every older lead run) is another configuration,
    # and resumes with rewrite_later=0.
    cfg = out / "config.json"
    cfg.write_text(json.dumps({**config, "variant": {}}))
    r = mucode("bench", "humaneval", "--model", "smollm2-135m", "--limit", "2", "-n", "2", "--turns", "2",
               "--max-tokens", "48", "--out", out, "--json")
    assert r.returncode == 2 and "variant" in r.stderr and r.stderr.count("\n") == 1
    r = mucode("bench", "humaneval", "--model", "smollm2-135m", "--limit", "2", "-n", "2", "--turns", "2",
               "--max-tokens", "48", "--out", out, "--json", "--variant", "rewrite_later=0")
    assert r.returncode == 0, r.stderr
    assert json.loads(cfg.read_text())["variant"] == {}


def test_bench_bad_input_exits_2(tmp_path):
    assert mucode("bench", "nosuch").returncode == 2
    assert mucode("bench", "mbpp").returncode == 2  # no --data
    assert mucode("bench", "mbpp", "--data", tmp_path / "missing.jsonl").returncode == 2
    r = mucode("bench", "mbpp", "--data", MBPP, "--split", "dev")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "humaneval" in mucode("bench", "--list").stdout
    r = mucode("bench", "mbpp", "--data", MBPP, "--variant", "prompt=v1")  # a repair-only setting
    assert r.returncode == 2 and "unknown setting" in r.stderr and r.stderr.count("\n") == 1
    r = mucode("bench", "humaneval", "--variant", "lead=2", "--out", tmp_path / "o")
    assert r.returncode == 2 and "lead" in r.stderr and r.stderr.count("\n") == 1 and not (tmp_path / "o").exists()
    r = mucode("bench", "humaneval", "--variant", "rewrite_later=false", "--out", tmp_path / "o")
    assert r.returncode == 2 and "rewrite_later" in r.stderr and r.stderr.count("\n") == 1 and not (tmp_path / "o").exists()
    r = mucode("bench", "mbpp", "--data", MBPP, "--variant", "lead=1", "--out", tmp_path / "o")
    assert r.returncode == 2 and "stub" in r.stderr and r.stderr.count("\n") == 1 and not (tmp_path / "o").exists()


SANITIZED = MBPP.parent / "mbpp-sanitized.jsonl"


def test_bench_repair_runs_the_fix_path_resumes_and_reports(tmp_path):
    """Wiring with the tiny model: cases made, run through prepare -> search -> splice, resumed."""
    out = tmp_path / "repair"
    args = ["bench", "repair", "--data", SANITIZED, "--split", "validation", "--limit", "2", "-n", "2", "--turns", "2",
            "--model", "smollm2-135m", "--max-tokens", "48", "--out", out, "--json",
            "--variant", "prompt=v1,feedback=v1,unchanged=true,greedy_first=true"]
    r = mucode(*args)
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    for key in ("cases", "success_by_turn", "median_seconds", "discarded", "unchanged", "by_kind", "stderr"):
        assert key in s
    assert s["cases"] == 2 and len(s["success_by_turn"]) == 2 and s["variant"]["prompt"] == "v1"
    assert (out / "success_by_turn.png").read_bytes()[:4] == b"\x89PNG"
    recs = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(recs) == 2 and all(r["case_id"].startswith("MBPP/5") for r in recs)
    first = recs[0]["turns"][0]["candidates"]
    assert first[0]["strategy"] == "greedy" and {"answer", "valid", "unchanged", "passed"} <= set(first[0])
    # A repair run is verifier training data: what the verifier saw, grouped by the problem.
    from trainer.value_head import load_results
    data = load_results([out])
    assert all(r["problem"].strip() for r in recs) and data.items
    assert {it.group for it in data.items} <= {r["origin"] for r in recs}
    assert all(it.label == it.public for it in data.items)
    case_dirs = sorted(p.name for p in (out / "cases").iterdir())
    assert len(case_dirs) == 2 and (out / "cases" / case_dirs[0] / "case.json").exists()
    again = mucode(*args)
    assert again.returncode == 0 and len((out / "results.jsonl").read_text().splitlines()) == 2
    # The written cases are a cases folder: rerun them as a user's own.
    mine = mucode("bench", "repair", "--data", out / "cases", "--limit", "1", "-n", "1", "--turns", "1",
                  "--model", "smollm2-135m", "--max-tokens", "32", "--out", tmp_path / "mine", "--json")
    assert mine.returncode == 0, mine.stderr
    assert json.loads(mine.stdout)["source"] == "cases"
    rerun = json.loads((tmp_path / "mine" / "results.jsonl").read_text().splitlines()[0])
    assert rerun["case_id"] == recs[0]["case_id"]  # the same case, so the two runs pair


def test_bench_repair_bad_input_exits_2(tmp_path):
    for args in (["--data", tmp_path / "missing"], [], ["--source", "nope", "--data", SANITIZED],
                 ["--data", SANITIZED, "--variant", "nosuch=1"], ["--data", SANITIZED, "--variant", "prompt=v9"],
                 ["--data", SANITIZED, "--variant", "rewrite"]):
        r = mucode("bench", "repair", *args, "--out", tmp_path / "o")
        assert r.returncode == 2, (args, r.stderr)
        assert r.stderr.strip().startswith("mucode: error:") and r.stderr.count("\n") == 1, r.stderr
    assert mucode("bench", "mbpp", "--data", MBPP, "--variant", "prompt=v1").returncode == 2
    case = tmp_path / "cases" / "c1"  # a cases folder whose case.json is broken, or has a wrong type
    case.mkdir(parents=True)
    (case / "m.py").write_text("def f():\n    return 1\n")
    (case / "test_m.py").write_text("from m import f\n\ndef test_f():\n    assert f() == 2\n")
    for meta in ('{"case_id": 5', '{"case_id": 5}', '[1]', '{"line": "ten"}'):
        (case / "case.json").write_text(meta)
        r = mucode("bench", "repair", "--data", tmp_path / "cases", "--out", tmp_path / "o2")
        assert r.returncode == 2 and "case.json" in r.stderr and r.stderr.count("\n") == 1, (meta, r.stderr)
        assert not (tmp_path / "o2").exists()


def test_bench_repair_refuses_a_folder_of_another_run_before_making_mutants(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "config.json").write_text(json.dumps({"benchmark": "repair", "source": "mbpp", "data": "elsewhere.jsonl"}))
    r = mucode("bench", "repair", "--data", SANITIZED, "--split", "test", "--out", out)
    assert r.returncode == 2 and "another configuration (data" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["config.json"]  # no cases made, nothing else written


def test_bench_repair_runs_fix_s_cascade_and_counts_what_escalated(tmp_path):
    """--escalate goes through fix's own cascade; each record says whether it escalated."""
    out = tmp_path / "cascade"
    r = mucode("bench", "repair", "--data", SANITIZED, "--split", "validation", "--limit", "1", "-n", "1",
               "--turns", "2", "--model", "smollm2-135m", "--escalate", "smollm2-135m", "--max-tokens", "32",
               "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    rec = json.loads((out / "results.jsonl").read_text())
    assert rec["escalated"] is (not rec["success_by_turn"][0])  # the stronger model only after a failed turn 1
    assert s["escalate"] == "smollm2-135m" and s["escalated"] == int(rec["escalated"])
    assert s["fixed_escalated"] == int(rec["escalated"] and rec["fixed"])
    assert json.loads((out / "config.json").read_text())["escalate"] == "smollm2-135m"
    assert s["p90_seconds"] >= s["median_seconds"] > 0


def test_bench_escalate_bad_input_exits_2_before_anything_is_made(tmp_path):
    out = tmp_path / "o"
    r = mucode("bench", "repair", "--data", SANITIZED, "--split", "test", "--escalate", tmp_path / "missing.gguf",
               "--out", out)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "missing.gguf" in r.stderr
    assert not out.exists()
    r = mucode("bench", "humaneval", "--escalate", "qwen2.5-coder-1.5b", "--out", out)
    assert r.returncode == 2 and "--escalate is an option of `mucode bench repair`" in r.stderr
