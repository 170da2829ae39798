"""Stage 5: supervised fine-tuning on relabeled turns; loss on the final answer only.

The answer's tokens are found from the chat template itself: the conversation rendered
with the generation prompt is a prefix of the conversation with the answer appended, and
what follows that prefix is the assistant span (end-of-turn token included). No marker
is injected into the text.
"""

from __future__ import annotations

from typing import Callable

from .hf import chat_ids
from .loop import progress, train

IGNORE = -100


def encode_example(tok, messages: list[dict], target: str, max_length: int) -> dict | None:
    """input_ids and labels (-100 outside the final answer); None if too long."""
    prompt = chat_ids(tok, messages, add_generation_prompt=True)
    full = chat_ids(tok, messages + [{"role": "assistant", "content": target}], add_generation_prompt=False)
    if full[: len(prompt)] != prompt:
        # A template that rewrites earlier turns: fall back to prompt + answer + end of turn.
        full = prompt + tok.encode(target, add_special_tokens=False) + [tok.eos_token_id]
    # Trailing newline after the end-of-turn token is template decoration, not answer.
    while len(full) > len(prompt) + 1 and tok.decode(full[-1:]).strip() == "":
        full = full[:-1]
    if len(full) > max_length or len(full) <= len(prompt):
        return None
    return {"input_ids": full, "labels": [IGNORE] * len(prompt) + full[len(prompt):]}


def collate(batch: list[dict], pad: int, device):
    import torch

    width = max(len(b["input_ids"]) for b in batch)
    ids = torch.tensor([b["input_ids"] + [pad] * (width - len(b["input_ids"])) for b in batch], device=device)
    labels = torch.tensor([b["labels"] + [IGNORE] * (width - len(b["labels"])) for b in batch], device=device)
    mask = torch.tensor([[1] * len(b["input_ids"]) + [0] * (width - len(b["input_ids"])) for b in batch],
                        device=device)
    return ids, labels, mask


def sft(model, tok, examples: list[dict], *, lr: float, batch_size: int, grad_accum: int, epochs: int,
        max_steps: int | None, seed: int, max_length: int, accelerator=None,
        say: Callable[[str], None] | None = None) -> dict:
    encoded = [encode_example(tok, e["messages"], e["target"], max_length) for e in examples]
    items = [e for e in encoded if e is not None]
    pad = tok.pad_token_id or 0

    def loss_fn(m, batch):
        ids, labels, mask = collate(batch, pad, next(m.parameters()).device)
        return m(input_ids=ids, attention_mask=mask, labels=labels).loss

    losses = train(model, items, loss_fn, lr=lr, batch_size=batch_size, grad_accum=grad_accum, epochs=epochs,
                   max_steps=max_steps, seed=seed, accelerator=accelerator,
                   log=progress(say, "SFT")) if items else []
    return {"examples": len(examples), "used": len(items), "too_long": len(examples) - len(items), "curve": losses}
