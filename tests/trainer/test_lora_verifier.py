"""``mucode train-verifier`` end to end on the tiny model: recorded candidates in, a LoRA adapter
out that llama.cpp loads over the model, and a held-out report beside zero-shot and random."""

import json

import pytest

pytest.importorskip("torch")
pytest.importorskip("peft")

from mucode_cli.models import gguf_type  # noqa: E402
from tests.mucode_cli.test_cli import mucode  # noqa: E402
from tests.trainer.test_value_head import BAD, GOOD, _cand, train_and_held_out, write_results  # noqa: E402
from trainer.lora_verifier import ranking_pairs  # noqa: E402
from trainer.value_head import load_results  # noqa: E402

def test_ranking_pairs_are_capped_per_problem(tmp_path):
    folder = write_results(tmp_path / "r", {
        "MBPP/601": [[_cand(GOOD, True, True), _cand(GOOD + "#\n", True, True), _cand(BAD, True, False),
                      _cand(BAD + "#\n", False, False)]],
        "MBPP/602": [[_cand(GOOD, True, True)]]})  # nothing to pair
    pairs = ranking_pairs(load_results([folder]), per_problem=3, seed=0)
    assert len(pairs) == 3 and {p["task_id"] for p in pairs} == {"MBPP/601"}
    assert all(p["pos"].startswith(GOOD) and p["neg"].startswith(BAD) for p in pairs)
    assert len(ranking_pairs(load_results([folder]), per_problem=10, seed=0)) == 4


def test_train_verifier_end_to_end(tmp_path):
    train, held = train_and_held_out(tmp_path)
    out = tmp_path / "verifier-lora.gguf"
    r = mucode("train-verifier", "--train", str(train), "--eval", str(held), "--out", str(out), "--model",
               "smollm2-135m", "--steps", "2", "--batch-size", "2", "--lora-r", "4", "--threads", "2",
               "--top-layers", "3", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "left out 1 held-out" in r.stderr and "training on 12 pairs of 6 problems" in r.stderr
    assert "the top 3 layers" in r.stderr
    assert gguf_type(out) == "adapter"
    report = json.loads(out.with_suffix(".report.json").read_text())
    assert len(report["train"]["curve"]) == 2 and report["train"]["adapter"]["rank"] == 4
    # An adapter on the top 3 layers only: 7 projections each, an A and a B per projection.
    assert report["train"]["top_layers"] == 3 and report["train"]["adapter"]["tensors"] == 3 * 7 * 2
    ev = report["eval"][str(held)]
    assert set(ev) == {"random", "zero-shot", "LoRA"} and all(m["pairs"] == 1 for m in ev.values())
    assert ev["random"]["pairwise_accuracy"] == 0.5

    # Bad input: one line, exit 2, nothing written.
    r = mucode("train-verifier", "--train", str(train), "--out", str(tmp_path / "v.json"), cwd=tmp_path)
    assert r.returncode == 2 and "--out must name a .gguf file" in r.stderr and not (tmp_path / "v.json").exists()
    alike = write_results(tmp_path / "alike", {"MBPP/700": [[_cand(GOOD, True, True), _cand(GOOD + "#\n", True, True)]]})
    r = mucode("train-verifier", "--train", str(alike), "--out", str(tmp_path / "v3.gguf"), "--model", "smollm2-135m",
               cwd=tmp_path)
    assert r.returncode == 2 and "nothing to rank" in r.stderr and not (tmp_path / "v3.gguf").exists()
    r = mucode("train-verifier", "--train", str(train), "--out", str(tmp_path / "v4.gguf"), "--device", "tpu",
               cwd=tmp_path)
    assert r.returncode == 2 and "--device" in r.stderr and not (tmp_path / "v4.gguf").exists()
    r = mucode("train-verifier", "--train", str(train), "--out", str(tmp_path / "v5.gguf"), "--model", "smollm2-135m",
               "--top-layers", "99", cwd=tmp_path)
    assert r.returncode == 2 and "--top-layers" in r.stderr and "99" in r.stderr and not (tmp_path / "v5.gguf").exists()
