"""Losses, loss masking, verifier training and GGUF export on the real tiny model (CPU)."""

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("peft")

from trainer.export import export_gguf  # noqa: E402
from trainer.gguf_write import permute_qk  # noqa: E402
from trainer.hf import add_lora, base_gguf, chat_ids, load_base, weights_dtype  # noqa: E402
from trainer.losses import bce_loss, bt_loss, pairwise_accuracy  # noqa: E402
from trainer.sft import IGNORE, encode_example  # noqa: E402
from trainer.verifier_train import TopLayersScorer, VerifierScorer, train_verifier  # noqa: E402


@pytest.fixture(scope="module")
def tiny():
    return load_base("smollm2-135m")


def test_bt_and_bce_on_hand_made_scores():
    pos, neg = torch.tensor([2.0, 0.0]), torch.tensor([0.0, 0.0])
    expected = -(math.log(1 / (1 + math.exp(-2.0))) + math.log(0.5)) / 2 + 1e-3 * (4.0 / 4)
    assert float(bt_loss(pos, neg)) == pytest.approx(expected, rel=1e-5)
    assert float(bce_loss(torch.tensor([0.0]), torch.tensor([1]))) == pytest.approx(math.log(2))
    assert pairwise_accuracy(pos, neg) == 0.5


def test_sft_loss_covers_only_the_final_answer(tiny):
    _, tok = tiny
    messages = [{"role": "user", "content": "fix it"}, {"role": "assistant", "content": "first try"},
                {"role": "user", "content": "still failing"}]
    ex = encode_example(tok, messages, "```python\ndef f():\n    return 1\n```", 4096)
    prompt = chat_ids(tok, messages, add_generation_prompt=True)
    assert ex["input_ids"][: len(prompt)] == prompt
    assert all(label == IGNORE for label in ex["labels"][: len(prompt)])
    answer = [t for t, lab in zip(ex["input_ids"], ex["labels"]) if lab != IGNORE]
    text = tok.decode(answer)
    assert text.startswith("```python") and "first try" not in text and "return 1" in text
    assert answer[-1] == tok.convert_tokens_to_ids("<|im_end|>")  # the model learns to stop
    assert encode_example(tok, messages, "x " * 5000, 256) is None  # max length enforced


def test_verifier_training_lowers_the_loss_on_a_fixed_set(tiny):
    model, tok = load_base("smollm2-135m")
    model = add_lora(model, 8, seed=0)
    problems = [f"Write f(x) returning x + {i}." for i in range(4)]
    pairs = [{"task_id": str(i), "problem": p, "pos": f"def f(x):\n    return x + {i}", "neg": "def f(x):\n    return None"}
             for i, p in enumerate(problems)]
    said: list[str] = []
    scorer, report = train_verifier(model, tok, pairs, [], loss="bt", lr=5e-4, batch_size=4, grad_accum=1, epochs=8,
                                    max_steps=8, seed=0, max_length=512, say=said.append)
    assert len(report["curve"]) == 8
    assert said[0].startswith("verifier: scoring ") and said[-1] == "verifier: scoring the pairs after training"
    assert [line.split(",")[0] for line in said[1:-1]] == [f"verifier: step {s}/8" for s in range(1, 9)]
    assert report["after"]["train"]["loss"] < report["before"]["train"]["loss"]
    assert report["after"]["train"]["accuracy"] >= report["before"]["train"]["accuracy"]


def test_top_layers_score_as_the_whole_model_and_train_only_their_lora():
    model, tok = load_base("smollm2-135m")
    n = model.config.num_hidden_layers
    model = add_lora(model, 4, seed=0, top_layers=2)
    trainable = [name for name, p in model.named_parameters() if p.requires_grad]
    assert trainable and all(f".layers.{n - 2}." in t or f".layers.{n - 1}." in t for t in trainable)
    torch.manual_seed(1)
    for name, p in model.named_parameters():
        if "lora_B" in name:  # non-zero, so the top layers' adapted weights count in the score
            torch.nn.init.normal_(p, std=0.05)
    answers = [("Write f(x) returning x + 1.", "def f(x):\n    return x + 1"),
               ("Reverse a string s.", "def rev(s):\n    return s  # a longer answer, so the batch is padded")]
    whole = np.array(VerifierScorer(model, tok).score_all(answers))
    top = TopLayersScorer(model, tok, 2048, 2)
    assert np.allclose(np.array(top.score_all(answers)), whole, atol=1e-3) and len(top.cache) == 2

    problems = [f"Write f(x) returning x + {i}." for i in range(4)]
    pairs = [{"task_id": str(i), "problem": p, "pos": f"def f(x):\n    return x + {i}", "neg": "def f(x):\n    return None"}
             for i, p in enumerate(problems)]
    frozen = {name: p.detach().clone() for name, p in model.named_parameters() if not p.requires_grad}
    _, report = train_verifier(model, tok, pairs, [], loss="bt", lr=5e-4, batch_size=4, grad_accum=1, epochs=8,
                               max_steps=8, seed=0, max_length=512, top_layers=2)
    assert report["after"]["train"]["loss"] < report["before"]["train"]["loss"]
    assert all(torch.equal(p, frozen[name]) for name, p in model.named_parameters() if not p.requires_grad)
    with pytest.raises(ValueError, match="between 1 and"):
        TopLayersScorer(model, tok, 2048, n + 1)


def test_export_round_trip_and_llama_cpp_loads_it(tiny, tmp_path):
    import gguf

    from mucode_cli.core import SampleParams
    from mucode_cli.engine import LlamaModel

    model, _ = tiny
    base = base_gguf("smollm2-135m")
    q = "model.layers.0.self_attn.q_proj.weight"
    k = "model.layers.1.self_attn.k_proj.weight"
    info = export_gguf(model, base, tmp_path / "same.gguf", changed={q, k}, quant="q8_0")
    assert info["rewritten"] == 2
    reader = gguf.GGUFReader(str(tmp_path / "same.gguf"))
    base_reader = gguf.GGUFReader(str(base))
    assert [t.name for t in reader.tensors] == [t.name for t in base_reader.tensors]
    cfg = model.config
    for hf, name, kv in ((q, "blk.0.attn_q.weight", cfg.num_attention_heads),
                         (k, "blk.1.attn_k.weight", cfg.num_key_value_heads)):
        t = next(t for t in reader.tensors if t.name == name)
        w = dict(model.named_parameters())[hf].detach().numpy()
        back = gguf.quants.dequantize(t.data, t.tensor_type).reshape(w.shape)
        expected = permute_qk(w, cfg.num_attention_heads, kv)
        assert np.abs(back - expected).max() <= 0.01 * np.abs(expected).max()  # Q8_0 error
    # Same weights (re-quantized q/k): llama.cpp must predict like the original model.
    prompt = [{"role": "user", "content": "Say hello."}]
    p = SampleParams(temperature=0.0, max_tokens=6, fast=False, stop_at_fence=False)
    a = list(LlamaModel(tmp_path / "same.gguf", n_ctx=512).sample(prompt, 1, p, seed=0))[0].text
    b = list(LlamaModel(base, n_ctx=512).sample(prompt, 1, p, seed=0))[0].text
    assert a.split()[:2] == b.split()[:2]


def test_q4_k_m_export_goes_through_llama_cpp_quantize(tiny, tmp_path):
    import gguf

    from mucode_cli.core import SampleParams
    from mucode_cli.engine import LlamaModel

    model, _ = tiny
    info = export_gguf(model, base_gguf("smollm2-135m"), tmp_path / "q4.gguf",
                       changed={"model.layers.0.mlp.up_proj.weight"}, quant="q4_k_m")
    assert info["quant"] == "q4_k_m" and not (tmp_path / "q4.f16.gguf").exists()
    types = {t.tensor_type.name for t in gguf.GGUFReader(str(tmp_path / "q4.gguf")).tensors}
    assert types & {"Q4_K", "Q5_K", "Q6_K"}
    out = list(LlamaModel(tmp_path / "q4.gguf", n_ctx=512).sample(
        [{"role": "user", "content": "Say hello."}], 1, SampleParams(temperature=0.0, max_tokens=4), seed=0))
    assert out[0].n_tokens > 0


def test_gradient_checkpointing_with_lora_trains_the_adapter_only():
    # Non-reentrant checkpointing (what DDP with LoRA needs) still gets gradients to LoRA.
    model, tok = load_base("smollm2-135m", grad_checkpointing=True)
    model = add_lora(model, 4, seed=0)
    model.train()
    assert model.base_model.model.is_gradient_checkpointing
    ids = torch.tensor([chat_ids(tok, [{"role": "user", "content": "hi"}], add_generation_prompt=True)])
    model(input_ids=ids, labels=ids).loss.backward()
    grads = {n: p.grad for n, p in model.named_parameters() if p.requires_grad}
    assert grads and all("lora_" in n for n in grads)
    # lora_B starts at zero, so at the first step only it gets a non-zero gradient.
    assert all(g is not None and float(g.abs().sum()) > 0 for n, g in grads.items() if "lora_B" in n)


def test_full_training_keeps_fp32_master_weights_on_cuda():
    assert weights_dtype("cuda:0") == torch.bfloat16  # LoRA: the frozen base in bf16
    assert weights_dtype("cuda:0", trains_all_weights=True) == torch.float32  # --full: updates survive
    assert weights_dtype("cpu") == torch.float32


def test_export_after_bf16_training_copies_untouched_tensors(tmp_path):
    # What a GPU run looks like: the base loaded in bf16, one tensor trained, merged in fp32.
    model, _ = load_base("smollm2-135m", dtype=torch.bfloat16)
    trained = "model.layers.0.mlp.up_proj.weight"
    with torch.no_grad():
        dict(model.named_parameters())[trained].add_(0.05)
    model = model.float()
    base = base_gguf("smollm2-135m")
    info = export_gguf(model, base, tmp_path / "bf16.gguf", quant="f16", base_dtype=torch.bfloat16)
    assert info["rewritten"] == 1  # only the trained tensor; the rest copied byte for byte
    # Compared in fp32 instead, bf16 rounding makes every weight matrix look trained.
    naive = export_gguf(model, base, tmp_path / "naive.gguf", quant="f16")
    assert naive["rewritten"] > 10
