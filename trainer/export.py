"""Stage 6: write a trained model as a GGUF file that ``mucode fix`` and ``bench`` load.

The base GGUF is the template: every metadata field (tokenizer, chat template, hyper-
parameters) is copied, and so is every tensor the training did not change, byte for
byte in its original quantization. Changed tensors (the LoRA-merged projections, or all
of them after full fine-tuning) are written as Q8_0 (default) or F16.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .gguf_write import add_weight, gguf_rows, write_gguf

QUANTS = ("q8_0", "f16", "q4_k_m")
LLAMA_FTYPE_MOSTLY_Q4_K_M = 15


def gguf_to_hf_names(model) -> dict[str, str]:
    from transformers.modeling_gguf_pytorch_utils import TensorProcessor, get_gguf_hf_weights_map

    return get_gguf_hf_weights_map(model, TensorProcessor())


def export_gguf(model, base_gguf: Path, out: Path, changed: set[str] | None = None, quant: str = "q8_0",
                base_dtype=None) -> dict:
    """Write ``model``'s weights into a copy of ``base_gguf``; ``changed``: HF names to rewrite
    (None: compare every tensor with the base and rewrite those that differ). ``base_dtype``:
    the dtype the base was loaded in for training (bf16 on a GPU); the comparison rounds the
    base to it, so a tensor training did not touch is still copied byte for byte."""
    import gguf
    import torch

    if quant not in QUANTS:
        raise ValueError(f"--quant must be one of {', '.join(QUANTS)} (got {quant!r})")
    if quant == "q4_k_m":
        # K-quants come from llama.cpp itself: write f16, then let it requantize the file.
        staged = out.with_suffix(".f16.gguf")
        info = export_gguf(model, base_gguf, staged, changed, "f16", base_dtype)
        quantize_file(staged, out, LLAMA_FTYPE_MOSTLY_Q4_K_M)
        staged.unlink()
        return {**info, "path": str(out), "quant": quant}
    reader = gguf.GGUFReader(str(base_gguf))
    arch = str(reader.fields["general.architecture"].contents())
    state = {k: v.detach().to(torch.float32).cpu() for k, v in model.state_dict().items()}
    names = gguf_to_hf_names(model)
    cfg = model.config
    counts = {"rewritten": 0, "copied": 0}
    qtype = gguf.GGMLQuantizationType.Q8_0 if quant == "q8_0" else gguf.GGMLQuantizationType.F16

    def fill(writer) -> None:
        for field in reader.fields.values():
            if field.name == gguf.Keys.General.ARCHITECTURE or field.name.startswith("GGUF."):
                continue
            vtype = field.types[0]
            sub = field.types[-1] if vtype == gguf.GGUFValueType.ARRAY else None
            writer.add_key_value(field.name, field.contents(), vtype, sub_type=sub)
        for t in reader.tensors:
            hf = names.get(t.name)
            new = state.get(hf) if hf else None
            if new is not None and (changed is None or hf in changed):
                w = gguf_rows(new.numpy(), t.name, arch, cfg)
                if changed is not None or not _same_as_base(t, w, base_dtype):
                    add_weight(writer, t.name, w, qtype)
                    counts["rewritten"] += 1
                    continue
            writer.add_tensor(t.name, t.data, raw_shape=t.data.shape, raw_dtype=t.tensor_type)
            counts["copied"] += 1

    write_gguf(out, arch, fill)
    return {"path": str(out), **counts, "quant": quant}


def _same_as_base(t, w: np.ndarray, base_dtype) -> bool:
    """The trained weight equals the base tensor (rounded to the dtype training loaded it in):
    training did not touch it, and its original bytes are copied."""
    import gguf
    import torch

    old = gguf.quants.dequantize(t.data, t.tensor_type).reshape(w.shape)
    if base_dtype is not None:
        old = torch.from_numpy(np.ascontiguousarray(old, dtype=np.float32)).to(base_dtype).to(torch.float32).numpy()
    return np.allclose(old, w, atol=1e-6)


def quantize_file(src: Path, dst: Path, ftype: int) -> None:
    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = ftype
    params.allow_requantize = True  # the copied base tensors are already quantized
    rc = llama_cpp.llama_model_quantize(str(src).encode(), str(dst).encode(), params)
    if rc != 0:
        raise RuntimeError(f"llama_model_quantize failed ({rc})")
