"""bench/draft_model.py end to end on the tiny model (no speed is asserted: these machines are
shared and noisy). A model drafting for itself has the same distributions, so every drafted
token would be accepted: that pins the acceptance arithmetic to real logits."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_model_drafting_for_itself_is_always_accepted():
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "draft_model.py"), "--target", "smollm2-135m",
                        "--draft", "smollm2-135m", "--problems", "0", "--max-tokens", "24", "--k", "1,3",
                        "--reps", "1", "--json"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert [c["prompt"] for c in out["cases"]] == ["HumanEval/0", "repair turn (bench/speed.py)"]
    for case in out["cases"]:
        assert case["answer_tokens"] > 0 and case["prompt_tokens"] > 50
        assert case["acceptance"] > 0.999 and case["greedy_agreement"] == 1.0
    assert set(out["speedup_by_k"]) == {"1", "3"} and all(v > 0 for v in out["speedup_by_k"].values())
    assert set(out["target_pass_s"]) == {"1", "2", "4"} and out["draft_step_s"] > 0
