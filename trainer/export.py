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
                base_dtype=None, name_suffix: str = "") -> dict:
    """Write ``model``'s weights into a copy of ``base_gguf``; ``changed``: HF names to rewrite
    (None: compare every tensor with the base and rewrite those that differ). ``base_dtype``:
    the dtype the base was loaded in for training (bf16 on a GPU); the comparison rounds the
    base to it, so a tensor training did not touch is still copied byte for byte.
    ``name_suffix``: appended to ``general.name``, so that a fine-tuned model is not taken
    for its base (a verifier adapter or value head made for the base refuses it)."""
    import gguf
    import torch

    if quant not in QUANTS:
        raise ValueError(f"--quant must be one of {', '.join(QUANTS)} (got {quant!r})")
    if quant == "q4_k_m":
        # K-quants come from llama.cpp itself: write f16, then let it requantize the file.
        staged = out.with_suffix(".f16.gguf")
        info = export_gguf(model, base_gguf, staged, changed, "f16", base_dtype, name_suffix)
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
            value = field.contents()
            if field.name == "general.name" and name_suffix and not str(value).endswith(name_suffix):
                value = f"{value}{name_suffix}"
            writer.add_key_value(field.name, value, vtype, sub_type=sub)
        if name_suffix and "general.name" not in reader.fields:
            writer.add_string("general.name", f"{base_gguf.stem}{name_suffix}")
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


ADAPTER_DTYPES = ("f16", "f32")


def export_lora_adapter(model, base_gguf: Path, out: Path, dtype: str = "f16") -> dict:
    """Write the LoRA of a peft ``model`` as a llama.cpp LoRA adapter (GGUF): a few MB applied
    over ``base_gguf``'s own weights at load time (``mucode ... --verifier adapter.gguf``), so a
    laptop holds one copy of the model for generator and verifier.

    llama.cpp's format: ``general.type = adapter``, ``adapter.type = lora``, the base's
    architecture, ``adapter.lora.alpha``; per adapted weight ``<gguf name>.lora_a`` (rank x
    in, peft's ``lora_A``) and ``.lora_b`` (out x rank, ``lora_B``, rows in llama.cpp's order),
    scaled by alpha / rank as peft scales them."""
    import gguf
    import torch

    base = model.get_base_model()
    hf_to_gguf = {hf: name for name, hf in gguf_to_hf_names(_unwrapped(base)).items()}
    reader = gguf.GGUFReader(str(base_gguf))
    arch = str(reader.fields["general.architecture"].contents())
    in_base = {t.name for t in reader.tensors}
    pairs, alphas = [], set()
    for path, module in base.named_modules():
        lora_a, lora_b = getattr(module, "lora_A", None), getattr(module, "lora_B", None)
        if lora_a is None or "default" not in lora_a:
            continue
        name = hf_to_gguf.get(f"{path}.weight")
        if name is None or name not in in_base:
            raise ValueError(f"LoRA on {path}: no such weight in {base_gguf.name}")
        a = lora_a["default"].weight.detach().to(torch.float32).cpu().numpy()
        b = lora_b["default"].weight.detach().to(torch.float32).cpu().numpy()
        alphas.add(round(float(module.scaling["default"]) * a.shape[0], 6))
        pairs.append((name, a, gguf_rows(b, name, arch, base.config)))
    if not pairs:
        raise ValueError("the model has no LoRA weights to export")
    if len(alphas) != 1:  # one alpha per file in llama.cpp's format
        raise ValueError(f"LoRA modules with different scales ({sorted(alphas)}) cannot share one adapter file")
    return write_lora_adapter(reader, pairs, alphas.pop(), out, dtype)


def write_lora_adapter(base_reader, pairs: list[tuple[str, np.ndarray, np.ndarray]], alpha: float, out: Path,
                       dtype: str = "f16") -> dict:
    """The adapter file itself: ``pairs`` of (GGUF weight name, A as rank x in, B as out x rank
    in llama.cpp's row order) over the base GGUF that ``base_reader`` reads."""
    if dtype not in ADAPTER_DTYPES:
        raise ValueError(f"adapter dtype must be one of {', '.join(ADAPTER_DTYPES)} (got {dtype!r})")
    np_dtype = np.float16 if dtype == "f16" else np.float32
    arch = str(base_reader.fields["general.architecture"].contents())

    def fill(writer) -> None:
        writer.add_type("adapter")
        writer.add_string("adapter.type", "lora")
        writer.add_float32("adapter.lora.alpha", alpha)
        name_field = base_reader.fields.get("general.name")
        if name_field is not None:  # which base it was trained over: another one is refused
            writer.add_string("mucode.adapter.base", str(name_field.contents()))
        for name, a, b in sorted(pairs, key=lambda p: p[0]):
            writer.add_tensor(f"{name}.lora_a", np.ascontiguousarray(a, dtype=np_dtype))
            writer.add_tensor(f"{name}.lora_b", np.ascontiguousarray(b, dtype=np_dtype))

    write_gguf(out, arch, fill)
    return {"path": str(out), "tensors": 2 * len(pairs), "alpha": alpha, "rank": int(pairs[0][1].shape[0]),
            "dtype": dtype, "bytes": out.stat().st_size}


def _unwrapped(base):
    """The same architecture without peft's wrappers, its weights on the meta device (no
    memory): transformers' GGUF name map does not see a weight peft has wrapped."""
    import torch
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(base.config)
