"""A transformers folder written as GGUF by trainer.hf_export, loaded back by llama.cpp."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from mucode_cli.core import SampleParams  # noqa: E402
from mucode_cli.engine import load_model  # noqa: E402
from mucode_cli.errors import UserError  # noqa: E402
from trainer.hf import load_base  # noqa: E402
from trainer.hf_export import folder_of, hf_to_gguf  # noqa: E402


def test_folder_to_gguf_predicts_like_the_original(tmp_path):
    folder = tmp_path / "hf"
    model, tok = load_base("smollm2-135m")
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    model, tok = load_base(str(folder))
    info = hf_to_gguf(model, tok, folder, tmp_path / "out.gguf", "q8_0")
    assert info["pre_tokenizer"] == "smollm"  # found by probing llama.cpp, not from a table
    ours, orig = load_model(tmp_path / "out.gguf", n_ctx=1024), load_model("smollm2-135m", n_ctx=1024)
    text = "def f(x):\n    return x + 12345  # héllo 🙂\n\n\tpass"
    assert ours.llm.tokenize(text.encode(), add_bos=False) == orig.llm.tokenize(text.encode(), add_bos=False)
    assert ours.format_chat([{"role": "user", "content": "hi"}]) == orig.format_chat([{"role": "user", "content": "hi"}])
    msgs = [{"role": "user", "content": "Write a python function that adds two numbers."}]
    a, b = ours.next_token_logits(msgs), orig.next_token_logits(msgs)
    # Q4_1 -> float -> Q8_0 moves logits by ~0.2: the same leading tokens in the same order,
    # but near-ties below may swap (ranks 5 and 6 are 0.06 apart with torch 2.14.1, gguf 0.19).
    assert list(np.argsort(-a)[:4]) == list(np.argsort(-b)[:4]) and np.corrcoef(a, b)[0, 1] > 0.99
    assert set(np.argsort(-a)[:6]) == set(np.argsort(-b)[:6])
    # Greedy text stays on the same answer; a near-tie may pick another name on the way
    # ("add_numbers" / "add_two_numbers" on a fresh install of 2026-11-27).
    greedy = SampleParams(temperature=0, max_tokens=30, fast=False)
    x, y = (next(iter(m.sample(msgs, 1, greedy, 0))).text for m in (ours, orig))
    assert x.startswith("```python\ndef add") and y.startswith("```python\ndef add")
    assert "return" in x and "+" in x
    ours.close()


def test_unknown_bases_are_refused_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(UserError, match="neither a known name"):
        folder_of(str(tmp_path / "no-such-model"))
