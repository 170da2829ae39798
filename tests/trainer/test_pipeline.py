"""``mucode train`` end to end on CPU: tiny model, 4 MBPP train problems, then fix with the result."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("peft")

MBPP = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "mbpp.jsonl"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def mucode(*args, timeout=1800):
    return subprocess.run([sys.executable, "-m", "mucode_cli.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, COLUMNS="200"), stdin=subprocess.DEVNULL)


@pytest.mark.skipif(not MBPP.exists(), reason="needs ../shared/datasets/mbpp.jsonl")
def test_train_tiny_then_fix_with_the_result(tmp_path):
    out = tmp_path / "run"
    args = ["train", "--base", "smollm2-135m", "--data", MBPP, "--out", out, "--problems", "4", "--rounds", "1",
            "--rollouts", "2", "--turns", "2", "--max-tokens", "64", "--steps", "2", "--batch-size", "2",
            "--lora-r", "4", "--verifier-loss", "bce", "--keep-unsolved", "--seed", "3"]
    r = mucode(*args)
    assert r.returncode == 0, r.stderr[-3000:]
    manifest = json.loads((out / "manifest.json").read_text())
    rnd = manifest["rounds"]["1"]
    assert rnd["rollout_answers"] >= 4 * 2
    assert len(rnd["verifier"]["curve"]) == 2 and len(rnd["sft"]["curve"]) == 2  # both stages trained
    assert rnd["generator_export"]["rewritten"] > 0 and rnd["verifier_export"]["rewritten"] > 0
    assert manifest["config"]["seed"] == 3 and "torch" in manifest["versions"]
    for name in ("generator.gguf", "verifier.gguf", "verifier-lora.gguf"):
        assert (out / name).read_bytes()[:4] == b"GGUF"
    assert rnd["verifier_adapter"]["tensors"] > 0 and manifest["outputs"]["verifier_adapter"].endswith("lora.gguf")
    # Resuming a finished run redoes nothing expensive and changes no model file.
    before = (out / "generator.gguf").stat().st_mtime_ns
    assert mucode(*args).returncode == 0
    assert (out / "generator.gguf").stat().st_mtime_ns == before
    # The trained models load through the project's model layer and drive a real fix.
    work = tmp_path / "ex"
    work.mkdir()
    for f in ("stats.py", "test_stats.py"):
        (work / f).write_text((EXAMPLES / f).read_text())
    fx = mucode("fix", work / "stats.py", "--tests", work / "test_stats.py", "--model", out / "generator.gguf",
                "--verifier", out / "verifier.gguf", "-n", "2", "--turns", "1", "--max-tokens", "64", "--json",
                "--dry-run")
    assert fx.returncode in (0, 1), fx.stderr
    assert len(json.loads(fx.stdout)["candidates"]) >= 1
    # The verifier as an adapter over the base: one copy of the weights.
    fx = mucode("fix", work / "stats.py", "--tests", work / "test_stats.py", "--model", "smollm2-135m",
                "--verifier", out / "verifier-lora.gguf", "-n", "2", "--turns", "1", "--max-tokens", "64", "--json",
                "--dry-run")
    assert fx.returncode in (0, 1), fx.stderr
    assert len(json.loads(fx.stdout)["candidates"]) >= 1
    # ... and not over the fine-tuned generator, whose weights it was not trained on.
    fx = mucode("fix", work / "stats.py", "--tests", work / "test_stats.py", "--model", out / "generator.gguf",
                "--verifier", out / "verifier-lora.gguf", "--dry-run")
    assert fx.returncode == 2 and "trained over" in fx.stderr, fx.stderr


def test_train_bad_input_exits_2_before_any_work(tmp_path):
    out = tmp_path / "run"
    for extra in (["--verifier-loss", "nope"], ["--rounds", "0"], ["--quant", "q2"], ["--expert", "magic"],
                  ["--rollout-backend", "vllm"], ["--rollout-workers", "0"],
                  ["--base", str(tmp_path / "missing.gguf")]):
        r = mucode("train", "--data", MBPP, "--out", out, *extra, timeout=300)
        assert r.returncode == 2, (extra, r.stderr)
        assert r.stderr.strip().startswith("mucode: error:") and "Traceback" not in r.stderr
    r = mucode("train", "--data", tmp_path / "none.jsonl", "--out", out, timeout=300)
    assert r.returncode == 2
    assert not (out / "round-1").exists()
