"""Multi-process training for real: torchrun starts two CPU processes (gloo), the same code
path as ``accelerate launch`` / torchrun on GPUs minus the NCCL backend."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("accelerate")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MBPP = ROOT.parent / "shared" / "datasets" / "mbpp.jsonl"


def torchrun(*args, timeout=1500):
    env = dict(os.environ, COLUMNS="200", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                           *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=subprocess.DEVNULL, cwd=ROOT)


def test_processes_train_shards_in_sync_and_drift_is_caught(tmp_path):
    r = torchrun(HERE / "_ddp_worker.py", tmp_path, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    results = [json.loads(f.read_text()) for f in sorted(tmp_path.glob("rank*.json"))]
    assert sorted(x["rank"] for x in results) == [0, 1] and all(x["world"] == 2 for x in results)
    # 16 items, 2 per process per micro-batch, 2 micro-batches per step, 2 epochs: 4 steps, not 8.
    assert all(x["steps"] == 4 for x in results)
    assert results[0]["weights"] == results[1]["weights"]  # gradients were all-reduced
    assert all(x["drift_detected"] for x in results)


@pytest.fixture(scope="module")
def hf_folder(tmp_path_factory):
    """The tiny model as a transformers folder, the form a researcher's own base takes."""
    import torch

    from trainer.hf import load_base

    folder = tmp_path_factory.mktemp("smollm2-hf")
    model, tok = load_base("smollm2-135m")
    model.to(torch.float16).save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


@pytest.mark.skipif(not MBPP.exists(), reason="needs ../shared/datasets/mbpp.jsonl")
def test_train_a_folder_base_under_torchrun_with_the_transformers_rollout_backend(tmp_path, hf_folder):
    out = tmp_path / "run"
    r = torchrun("-m", "trainer", "--base", hf_folder, "--data", MBPP, "--out", out, "--problems", "4",
                 "--rollouts", "2", "--turns", "1", "--max-tokens", "32", "--steps", "2", "--batch-size", "1",
                 "--lora-r", "4", "--verifier-loss", "bce", "--keep-unsolved", "--rollout-backend", "transformers",
                 "--rollout-workers", "4")
    assert r.returncode == 0, r.stderr[-3000:]
    manifest = json.loads((out / "manifest.json").read_text())
    rnd = manifest["rounds"]["1"]
    assert manifest["processes"] == 2
    # The folder was written once as OUT/base.gguf, the template of both exports.
    assert manifest["base_gguf"]["pre_tokenizer"] == "smollm" and (out / "base.gguf").exists()
    # Each process rolled out its own half of the problems; the main process merged them.
    records = [json.loads(line) for line in (out / "round-1" / "rollouts.jsonl").read_text().splitlines()]
    assert {x["task_id"] for x in records} == {f"MBPP/{i}" for i in (601, 602, 603, 604)}
    assert len(records) == 4 * 2
    assert not list((out / "round-1").glob("rollouts.part*"))
    assert len(rnd["verifier"]["curve"]) == 2 and len(rnd["sft"]["curve"]) == 2
    assert r.stderr.count("wrote ") == 1  # one voice, not one per process
    for name in ("generator.gguf", "verifier.gguf"):
        assert (out / name).read_bytes()[:4] == b"GGUF"
