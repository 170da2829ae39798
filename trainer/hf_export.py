"""A transformers model folder (or hub id) as a GGUF file llama.cpp loads.

Used when ``mucode train --base`` is not a GGUF: the base is written once as
``OUT/base.gguf``, and from then on it is the template every export copies, exactly as a
GGUF base would be. Supported: the llama and qwen2 architectures with a byte-level BPE
tokenizer (SmolLM, Llama 3, Qwen2/2.5 and their fine-tunes); anything else is refused
with a clear error rather than written wrong.

llama.cpp picks its pre-tokenizer by name. Rather than trusting a table of names,
the candidates are tried on a vocabulary-only file and the first one that tokenizes a
probe text exactly as the transformers tokenizer does is kept.
"""

from __future__ import annotations

from pathlib import Path

from mucode_cli.errors import UserError
from mucode_cli.quiet import quiet_stderr

from .gguf_write import add_weight, gguf_rows, write_gguf

ARCHS = {"llama": "LLAMA", "qwen2": "QWEN2"}
PRE_TOKENIZERS = ("qwen2", "llama-bpe", "smollm", "gpt-2", "deepseek-coder", "starcoder", "deepseek-llm",
                  "olmo", "refact", "default")
PROBE = ("def add(a, b):\n    return a + b  # 12345 67\n\n\n\tif x>=10: print('It''s fine', \"ok\")\n"
         "   \n  héllo wörld 你好 🙂 ... --> <= !== 3.14159e-10 CamelCase snake_case\r\n   end")


def folder_of(base: str) -> Path:
    """A local folder for ``base`` (a hub id is downloaded where a network exists)."""
    if Path(base).is_dir():
        return Path(base)
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(base, allow_patterns=["*.json", "*.txt", "*.model", "*.jinja"]))
    except Exception as e:  # offline, unknown id, no permission
        raise UserError(f"base model {base!r} is neither a known name, a GGUF file nor a local folder ({e})") from None


def _rope_theta(cfg) -> float:
    params = getattr(cfg, "rope_parameters", None) or {}
    scaling = getattr(cfg, "rope_scaling", None) or {}
    kind = params.get("rope_type") or scaling.get("rope_type") or scaling.get("type") or "default"
    if kind != "default":
        raise UserError(f"exporting a model with {kind!r} RoPE scaling to GGUF is not supported")
    return float(params.get("rope_theta") or getattr(cfg, "rope_theta", None) or 10000.0)


def _vocab(tok, n_vocab: int):
    import gguf

    by_id = {i: t for t, i in tok.get_vocab().items()}
    added = tok.added_tokens_decoder if hasattr(tok, "added_tokens_decoder") else {}
    tokens, types = [], []
    for i in range(n_vocab):
        if i not in by_id:
            tokens.append(f"[PAD{i}]")
            types.append(gguf.TokenType.UNUSED)
        elif i in added:
            tokens.append(by_id[i])
            types.append(gguf.TokenType.CONTROL if added[i].special else gguf.TokenType.USER_DEFINED)
        else:
            tokens.append(by_id[i])
            types.append(gguf.TokenType.NORMAL)
    return tokens, types


def _metadata(writer, model, tok, folder: Path, pre: str) -> None:
    import gguf

    cfg = model.config
    writer.add_name(Path(str(cfg._name_or_path or folder)).name or "model")
    writer.add_context_length(cfg.max_position_embeddings)
    writer.add_embedding_length(cfg.hidden_size)
    writer.add_block_count(cfg.num_hidden_layers)
    writer.add_feed_forward_length(cfg.intermediate_size)
    writer.add_head_count(cfg.num_attention_heads)
    writer.add_head_count_kv(cfg.num_key_value_heads)
    writer.add_rope_freq_base(_rope_theta(cfg))
    writer.add_layer_norm_rms_eps(cfg.rms_norm_eps)
    head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
    writer.add_rope_dimension_count(head_dim)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre(pre)
    tokens, types = _vocab(tok, cfg.vocab_size)
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    special = gguf.SpecialVocab(folder, load_merges=True, n_vocab=len(tokens))
    if not special.merges:
        raise UserError("exporting to GGUF needs a byte-level BPE tokenizer with merges (tokenizer.json)")
    special.add_to_gguf(writer, quiet=True)
    template = getattr(tok, "chat_template", None)
    if template and not special.chat_template:
        writer.add_chat_template(template)


def _llama_tokens(vocab_file: Path, text: str) -> list[int] | None:
    from llama_cpp import Llama

    try:
        with quiet_stderr():
            llm = Llama(model_path=str(vocab_file), vocab_only=True, verbose=False)
    except (ValueError, RuntimeError, OSError):
        return None  # a pre-tokenizer name this llama.cpp does not know
    try:
        return llm.tokenize(text.encode(), add_bos=False, special=False)
    finally:
        llm.close()


def pick_pre_tokenizer(model, tok, folder: Path, work: Path) -> str:
    import gguf

    arch = gguf.MODEL_ARCH_NAMES[getattr(gguf.MODEL_ARCH, ARCHS[model.config.model_type])]
    want = tok.encode(PROBE, add_special_tokens=False)
    probe = work / "vocab-probe.gguf"
    try:
        for pre in PRE_TOKENIZERS:
            write_gguf(probe, arch, lambda w: _metadata(w, model, tok, folder, pre))
            if _llama_tokens(probe, PROBE) == want:
                return pre
    finally:
        probe.unlink(missing_ok=True)
    raise UserError("no llama.cpp pre-tokenizer reproduces this model's tokenizer; export it with llama.cpp's "
                    "convert_hf_to_gguf.py and pass the GGUF as --base")


def hf_to_gguf(model, tok, folder: Path, out: Path, quant: str = "f16") -> dict:
    """Write ``model`` (float weights in transformers) and its tokenizer as a GGUF file."""
    import gguf
    import torch

    cfg = model.config
    if cfg.model_type not in ARCHS:
        raise UserError(f"exporting a {cfg.model_type!r} model to GGUF is not supported "
                        f"(supported: {', '.join(ARCHS)}); convert it with llama.cpp and pass the GGUF as --base")
    arch_enum = getattr(gguf.MODEL_ARCH, ARCHS[cfg.model_type])
    arch = gguf.MODEL_ARCH_NAMES[arch_enum]
    pre = pick_pre_tokenizer(model, tok, folder, out.parent)
    names = gguf.get_tensor_name_map(arch_enum, cfg.num_hidden_layers)
    state = {k: v.detach().to(torch.float32).cpu().numpy() for k, v in model.state_dict().items()}
    qtype = {"f16": gguf.GGMLQuantizationType.F16, "q8_0": gguf.GGMLQuantizationType.Q8_0}[quant]

    def fill(writer):
        _metadata(writer, model, tok, folder, pre)
        for hf, w in state.items():
            if hf == "lm_head.weight" and cfg.tie_word_embeddings:
                continue  # llama.cpp reuses token_embd
            name = names.get_name(hf, try_suffixes=(".weight", ".bias"))
            if name is None:
                raise UserError(f"no GGUF name for tensor {hf}")
            add_weight(writer, name, gguf_rows(w, name, arch, cfg), qtype)

    write_gguf(out, arch, fill)
    return {"path": str(out), "pre_tokenizer": pre, "quant": quant, "tensors": len(state)}
