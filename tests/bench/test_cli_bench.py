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
    assert all(0.0 <= x <= 1.0 for x in summary["success_by_turn"])
    assert (out / "success_by_turn.png").read_bytes()[:4] == b"\x89PNG"
    recs = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["task_id"] for r in recs] == ["HumanEval/0", "HumanEval/1"]
    cand = recs[0]["turns"][0]["candidates"][0]
    assert {"code", "public_passed", "private_passed", "score", "tokens"} <= set(cand)
    # Re-running with the same --out resumes: nothing left to do.
    again = mucode("bench", "humaneval", "--model", "smollm2-135m", "--limit", "2", "-n", "2", "--turns", "2",
                   "--max-tokens", "48", "--out", out, "--json")
    assert again.returncode == 0
    assert len((out / "results.jsonl").read_text().splitlines()) == 2


def test_bench_bad_input_exits_2(tmp_path):
    assert mucode("bench", "nosuch").returncode == 2
    assert mucode("bench", "mbpp").returncode == 2  # no --data
    assert mucode("bench", "mbpp", "--data", tmp_path / "missing.jsonl").returncode == 2
    r = mucode("bench", "mbpp", "--data", MBPP, "--split", "dev")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "humaneval" in mucode("bench", "--list").stdout
