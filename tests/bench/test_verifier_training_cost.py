"""bench/verifier_training_cost.py refuses bad training folders before loading any model."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_missing_results_folder_is_one_line_exit_2(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "verifier_training_cost.py"), "--train",
                        str(tmp_path / "absent")], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2 and "no results.jsonl" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
