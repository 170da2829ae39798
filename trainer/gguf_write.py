"""The one way we write a GGUF file: the writer's fixed order, the llama row order of q/k,
and which tensors are quantized. ``export`` (a trained model into a copy of its base GGUF)
and ``hf_export`` (a transformers model from scratch) both write through here."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np


def write_gguf(path: Path, arch: str, fill: Callable) -> None:
    """``fill(writer)`` adds metadata and tensors; the file appears at ``path`` only once
    complete (written as .partial, then renamed), so an interrupted export leaves no half file."""
    import gguf

    tmp = path.with_suffix(".partial")
    writer = gguf.GGUFWriter(str(tmp), arch=arch)
    fill(writer)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    tmp.replace(path)


def permute_qk(w: np.ndarray, n_head: int, n_kv: int | None) -> np.ndarray:
    """llama.cpp's q/k row order for the llama architecture (transformers undoes it on load)."""
    if n_kv is not None and n_head != n_kv:
        n_head = n_kv
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def gguf_rows(w: np.ndarray, name: str, arch: str, config) -> np.ndarray:
    """A transformers weight in the row order llama.cpp expects under GGUF tensor ``name``."""
    if arch == "llama" and (".attn_q." in name or ".attn_k." in name):
        heads = config.num_attention_heads
        return permute_qk(w, heads, heads if ".attn_q." in name else config.num_key_value_heads)
    return w


def add_weight(writer, name: str, w: np.ndarray, qtype) -> None:
    """Matrices whose rows fill whole quant blocks go in as ``qtype``; norms, biases and odd
    shapes stay float32 (llama.cpp reads both)."""
    import gguf

    w = np.ascontiguousarray(w, dtype=np.float32)
    if w.ndim == 2 and w.shape[-1] % 32 == 0:
        data = gguf.quants.quantize(w, qtype)
        writer.add_tensor(name, data, raw_shape=data.shape, raw_dtype=qtype)
    else:
        writer.add_tensor(name, w)
