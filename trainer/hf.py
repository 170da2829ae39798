"""Loading a base model into transformers: a GGUF file (dequantized), a model folder, or a hub id."""

from __future__ import annotations

import os
from pathlib import Path

from mucode_cli.errors import UserError
from mucode_cli.models import KNOWN_MODELS, resolve_model


def base_gguf(base: str) -> Path | None:
    """The GGUF file behind ``base``, if it is one (known name or path)."""
    if base in KNOWN_MODELS or base.lower().endswith(".gguf"):
        return resolve_model(base)
    return None


def weights_dtype(device: str, trains_all_weights: bool = False):
    import torch

    return torch.bfloat16 if device.startswith("cuda") and not trains_all_weights else torch.float32


def load_base(base: str, device: str = "cpu", dtype=None, grad_checkpointing: bool = False,
              trains_all_weights: bool = False):
    """(model, tokenizer) in transformers; GGUF weights are dequantized to plain tensors.

    On CUDA the weights are bf16, except when every weight trains (``trains_all_weights``):
    at fine-tuning learning rates (~5e-7) a bf16 weight rounds most updates away, so those
    stay fp32 (master weights) and the forward pass runs in bf16 under autocast."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = dtype or weights_dtype(device, trains_all_weights)
    gguf = base_gguf(base)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        if gguf is not None:
            tok = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
            model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=dtype)
            # The weights are plain tensors by now; transformers 5.x still refuses to save
            # or fine-tune a model that carries its GGUF quantizer.
            model.hf_quantizer = None
            model.is_quantized = False  # else .float() refuses (merging LoRA in fp32 needs it)
            if hasattr(model.config, "quantization_config"):
                del model.config.quantization_config
        else:
            if not Path(base).exists() and os.environ.get("HF_HUB_OFFLINE") == "1":
                raise UserError(f"base model {base!r} is neither a known name, a GGUF file nor a local folder")
            tok = AutoTokenizer.from_pretrained(base)
            model = AutoModelForCausalLM.from_pretrained(base, dtype=dtype)
    except (OSError, ValueError) as e:
        raise UserError(f"cannot load base model {base!r} into transformers: {e}") from None
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    if grad_checkpointing:
        # Non-reentrant: the reentrant default fails under DDP with LoRA ("mark a variable
        # ready only once") and needs inputs that require grad.
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()  # LoRA: the frozen embeddings must still pass gradients
    return model.to(device), tok


def add_lora(model, r: int, seed: int, top_layers: int | None = None):
    """LoRA on every projection of every layer, or of the top ``top_layers`` only."""
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    n = model.config.num_hidden_layers
    layers = None if top_layers is None else list(range(max(0, n - top_layers), n))
    cfg = LoraConfig(r=r, lora_alpha=2 * r, lora_dropout=0.0, bias="none", layers_to_transform=layers,
                     target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])
    return get_peft_model(model, cfg)


def chat_ids(tok, messages: list[dict], add_generation_prompt: bool) -> list[int]:
    out = tok.apply_chat_template(messages, tokenize=True, add_generation_prompt=add_generation_prompt)
    if isinstance(out, dict) or hasattr(out, "keys"):
        out = out["input_ids"]
    return list(out)
