"""bench/speed.py runs end to end on the tiny model and reports every figure (no speed is asserted:
these machines are shared and noisy)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_speed_benchmark_reports_every_ratio():
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "speed.py"), "--model", "smollm2-135m", "--n", "2",
                        "--reps", "2", "--max-tokens", "16", "--skip-threads", "--budgets", "0,8", "--attention", "64", "--json"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert out["prompt_tokens"] > 100  # fix's real first-turn prompt, not a stub
    for key in ("generate_speedup", "score_speedup", "tokens_per_second_fast", "score_head_overhead",
                "rss_mb_zero_shot", "rss_mb_head", "score_adapter_overhead", "rss_mb_adapter", "adapter_file_mb"):
        assert out[key] > 0, key
    assert out["score_max_abs_diff"] < 0.5  # shared-prefix scores agree with scratch scores
    assert out["score_head_max_abs_diff"] < 0.5  # a zero head scores as the zero-shot verifier
    assert set(out["fast_tokens_per_second_by_draft_budget"]) == {"0", "8"}
    step = out["decode_step_ms_by_context_flash_attention"]["64"]
    assert step["on"] > 0 and step["off"] > 0 and step["off_speedup"] > 0
