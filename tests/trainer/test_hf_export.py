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
    assert list(np.argsort(-a)[:5]) == list(np.argsort(-b)[:5]) and np.corrcoef(a, b)[0, 1] > 0.99
    greedy = SampleParams(temperature=0, max_tokens=30, fast=False)
    assert next(iter(ours.sample(msgs, 1, greedy, 0))).text == next(iter(orig.sample(msgs, 1, greedy, 0))).text
    ours.close()


def test_unknown_bases_are_refused_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(UserError, match="neither a known name"):
        folder_of(str(tmp_path / "no-such-model"))
