"""The verifier's LoRA as a llama.cpp adapter: exported, loaded over the generator's own
weights, scoring as at training time; the generator itself untouched (tiny model, CPU)."""

import os
import subprocess
import sys

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("peft")
gguf = pytest.importorskip("gguf")

from mucode_cli.errors import UserError  # noqa: E402
from mucode_cli.core import SampleParams  # noqa: E402
from mucode_cli.models import gguf_type  # noqa: E402
from mucode_cli.verifier import LlamaVerifier, make_verifier  # noqa: E402
from trainer.export import export_lora_adapter  # noqa: E402
from trainer.gguf_write import write_gguf  # noqa: E402
from trainer.hf import add_lora, base_gguf, load_base  # noqa: E402
from trainer.verifier_train import VerifierScorer  # noqa: E402

PAIRS = [("Write f(x) returning x + 1.", "def f(x):\n    return x + 1"),
         ("Write f(x) returning x + 1.", "def f(x):\n    return None"),
         ("Reverse a string s.", "def rev(s):\n    return s[::-1]"),
         ("Reverse a string s.", "def rev(s):\n    return s"),
         ("Sum a list.", "def total(xs):\n    return sum(xs)"),
         ("Sum a list.", "def total(xs):\n    return max(xs)")]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A LoRA with weights large enough to move the score, exported; and its training-time
    scores (transformers, on the base's dequantized weights) with and without it."""
    model, tok = load_base("smollm2-135m")
    model = add_lora(model, 4, seed=0)
    torch.manual_seed(1)
    for name, p in model.named_parameters():
        if "lora_B" in name:
            # Large on q/k: llama.cpp orders their rows otherwise (the llama permutation), and
            # an adapter written in transformers' order moves the score by ~1.2 the wrong way.
            torch.nn.init.normal_(p, std=1.0 if ("q_proj" in name or "k_proj" in name) else 0.05)
    scorer = VerifierScorer(model, tok)
    with_lora = np.array(scorer.score_all(PAIRS))
    with model.disable_adapter():
        without = np.array(scorer.score_all(PAIRS))
    path = tmp_path_factory.mktemp("adapter") / "verifier-lora.gguf"
    info = export_lora_adapter(model, base_gguf("smollm2-135m"), path)
    return path, info, with_lora, without


def llama_scores(verifier) -> np.ndarray:
    return np.array([s for p, a in PAIRS for s in verifier.score(p, [a])])


def test_adapter_scores_in_llama_cpp_as_at_training_time(trained, smollm):
    path, info, with_lora, without = trained
    assert gguf_type(path) == "adapter" and info["rank"] == 4 and info["alpha"] == 8.0
    assert info["bytes"] < 5_000_000  # a few MB beside a 100+ MB model
    # 30 projections x (q k v o gate up down) of the base, each an a/b pair
    assert info["tensors"] == 30 * 7 * 2
    adapted = make_verifier(str(path), smollm)
    assert isinstance(adapted, LlamaVerifier) and adapted.adapter is not None
    plain = llama_scores(LlamaVerifier(smollm))
    scored = llama_scores(adapted)
    assert np.abs(with_lora - without).min() > 1.0  # the adapter matters
    # Same change in llama.cpp (Q4_1 weights, f16 adapter) as in training (dequantized fp32),
    # within quantization error (measured: 0.13 at most; the q/k rows unpermuted: 1.24).
    assert np.abs((scored - plain) - (with_lora - without)).max() < 0.4


def test_the_generator_never_sees_the_adapter(trained, smollm):
    path = trained[0]
    messages = [{"role": "user", "content": "Write f(x) returning x + 1."}]
    before = smollm.next_token_logits(messages)
    greedy = SampleParams(temperature=0, fast=False, max_tokens=24)
    text = next(smollm.sample(messages, 1, greedy, 0)).text
    llama_scores(make_verifier(str(path), smollm))  # the scoring context now has the adapter
    assert np.array_equal(smollm.next_token_logits(messages), before)
    assert next(smollm.sample(messages, 1, greedy, 0)).text == text
    assert next(smollm.sample(messages, 1, SampleParams(temperature=0, max_tokens=24), 0)).text.strip()


def rewrite(src, dst, base: str | None = None, rank: int | None = None):
    """A copy of an adapter file with another recorded base, or its A tensors cut to another
    rank than its B tensors."""
    reader = gguf.GGUFReader(str(src))

    def fill(writer):
        writer.add_type("adapter")
        writer.add_string("adapter.type", "lora")
        writer.add_float32("adapter.lora.alpha", 8.0)
        if base:
            writer.add_string("mucode.adapter.base", base)
        for t in reader.tensors:
            data = np.array(t.data)
            if rank is not None:
                data = data[:rank] if t.name.endswith(".lora_a") else data
            writer.add_tensor(t.name, np.ascontiguousarray(data))

    write_gguf(dst, "llama", fill)


def test_an_adapter_of_another_model_is_refused(trained, smollm, tmp_path):
    other = tmp_path / "other.gguf"
    rewrite(trained[0], other, base="Qwen2.5 Coder 0.5B Instruct")
    with pytest.raises(UserError, match="trained over 'Qwen2.5 Coder 0.5B Instruct'"):
        make_verifier(str(other), smollm)
    bad = tmp_path / "bad.gguf"
    rewrite(trained[0], bad, rank=2)
    # A and B of different ranks: llama.cpp refuses the file; one line, exit 2, from the CLI
    with pytest.raises(UserError, match="cannot load LoRA adapter"):
        make_verifier(str(bad), smollm)
    work = tmp_path / "ex"
    work.mkdir()
    (work / "m.py").write_text("def f(x):\n    return x\n")
    (work / "test_m.py").write_text("from m import f\n\ndef test_f():\n    assert f(1) == 2\n")
    r = subprocess.run([sys.executable, "-m", "mucode_cli.cli", "fix", str(work / "m.py"), "--tests",
                        str(work / "test_m.py"), "--model", "smollm2-135m", "--verifier", str(bad)],
                       capture_output=True, text=True, timeout=300, env=dict(os.environ, COLUMNS="200"))
    assert r.returncode == 2, r.stderr
    assert "cannot load LoRA adapter" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert (work / "m.py").read_text() == "def f(x):\n    return x\n"
    assert not list(work.glob("*.mucode-backup*"))
