"""Stage 3: train the verifier (base + LoRA) so that logit("Yes") - logit("No") ranks answers.

The inputs are exactly what ``mucode_cli.verifier`` feeds llama.cpp: the chat template
applied to ``verifier_messages(problem, answer)`` with the generation prompt, so the score
the GGUF gives at fix time is the score trained here.
"""

from __future__ import annotations

import random
from typing import Callable

import torch

from mucode_cli.verifier import NO, YES, verifier_messages

from .hf import chat_ids
from .losses import bce_loss, bt_loss, pairwise_accuracy
from .loop import progress, train


class YesNoHead(torch.nn.Module):
    """logit("Yes") - logit("No") at the last prompt token, as a module.

    Training calls this module's forward, so under DDP/FSDP the wrapper sees every
    forward pass and synchronises the gradients; only two rows of the LM head are used,
    so no [batch, length, vocab] logits tensor is built.
    """

    def __init__(self, model, yes: int, no: int):
        super().__init__()
        self.model, self.yes, self.no = model, yes, no

    def base(self):
        inner = self.model
        return inner.get_base_model() if hasattr(inner, "get_base_model") else inner

    def forward(self, input_ids, attention_mask):
        base = self.base()
        hidden = base.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.yes_minus_no(base, hidden, attention_mask)

    def yes_minus_no(self, base, hidden, attention_mask):
        last = hidden[torch.arange(len(hidden), device=hidden.device), attention_mask.sum(1) - 1]
        w = base.lm_head.weight
        s = last @ (w[self.yes] - w[self.no]).to(last.dtype)
        if getattr(base.lm_head, "bias", None) is not None:
            s = s + (base.lm_head.bias[self.yes] - base.lm_head.bias[self.no])
        return s.float()


class VerifierScorer:
    """Tokenises (problem, answer) pairs exactly as fix does and scores them with the head."""

    def __init__(self, model, tok, max_length: int = 2048):
        self.tok, self.max_length = tok, max_length
        self.head = YesNoHead(model, tok.encode(YES, add_special_tokens=False)[0],
                              tok.encode(NO, add_special_tokens=False)[0])

    def ids(self, problem: str, answer: str) -> list[int]:
        ids = chat_ids(self.tok, verifier_messages(problem, answer), add_generation_prompt=True)
        return ids[-self.max_length:]

    def scores(self, head, pairs: list[tuple[str, str]]):
        """Scores through ``head`` (this scorer's head, or the DDP wrapper around it)."""
        seqs = [self.ids(p, a) for p, a in pairs]
        width = max(len(s) for s in seqs)
        pad = self.tok.pad_token_id or 0
        dev = next(self.head.parameters()).device
        input_ids = torch.tensor([s + [pad] * (width - len(s)) for s in seqs], device=dev)
        mask = torch.tensor([[1] * len(s) + [0] * (width - len(s)) for s in seqs], device=dev)
        return head(input_ids, mask)

    def score_all(self, problem_answers: list[tuple[str, str]], batch: int = 8) -> list[float]:
        out: list[float] = []
        with torch.no_grad():
            for i in range(0, len(problem_answers), batch):
                out.extend(self.scores(self.head, problem_answers[i:i + batch]).tolist())
        return out


class TopLayersHead(YesNoHead):
    """The same score from the hidden states entering layer ``first``: only the layers from
    there up run (their ``layer_types`` sliced to match), so a training step's forward and
    backward pass costs a fraction of the model's."""

    def __init__(self, model, yes: int, no: int, first: int):
        super().__init__(model, yes, no)
        self.first = first

    def forward(self, states, attention_mask):
        base = self.base()
        inner = base.model
        layers, types = inner.layers, getattr(inner.config, "layer_types", None)
        inner.layers = torch.nn.ModuleList(list(layers)[self.first:])
        if types is not None:
            inner.config.layer_types = types[self.first:]
        try:
            hidden = inner(inputs_embeds=states, attention_mask=attention_mask, use_cache=False).last_hidden_state
        finally:
            inner.layers = layers
            if types is not None:
                inner.config.layer_types = types
        return self.yes_minus_no(base, hidden, attention_mask)


class _Stop(Exception):
    pass


class TopLayersUnsupported(ValueError):
    """The model's score through its top layers alone differs from the whole model's."""


class TopLayersScorer(VerifierScorer):
    """Scores through the top ``top`` layers only, over each answer's hidden states entering
    them, computed once without gradients and cached: with LoRA on those layers alone, an
    epoch costs one forward pass of the frozen layers per answer plus forward and backward
    through ``top`` layers per use, which is what makes the paper's verifier trainable on a
    laptop's CPU. The first score is checked against the whole model's, so an architecture
    whose forward pass does more than run its layers (scaled embeddings, say) is refused
    rather than trained wrong."""

    def __init__(self, model, tok, max_length: int, top: int):
        super().__init__(model, tok, max_length)
        base = self.head.base()
        n = len(base.model.layers)
        if not 1 <= top <= n:
            raise ValueError(f"top layers must be between 1 and {n} (got {top})")
        self.full = self.head
        self.head = TopLayersHead(model, self.full.yes, self.full.no, n - top)
        self.cache: dict[tuple[str, str], torch.Tensor] = {}
        self.checked = False

    def states(self, problem: str, answer: str) -> torch.Tensor:
        key = (problem, answer)
        if key not in self.cache:
            base = self.head.base()
            captured = {}

            def grab(module, args, kwargs):
                captured["h"] = (args[0] if args else kwargs["hidden_states"]).detach()
                raise _Stop

            handle = base.model.layers[self.head.first].register_forward_pre_hook(grab, with_kwargs=True)
            dev = next(self.head.parameters()).device
            try:
                with torch.no_grad():
                    base.model(input_ids=torch.tensor([self.ids(problem, answer)], device=dev), use_cache=False)
            except _Stop:
                pass
            finally:
                handle.remove()
            self.cache[key] = captured["h"][0]
        return self.cache[key]

    def scores(self, head, pairs: list[tuple[str, str]]):
        if not self.checked:
            self.check(*pairs[0])
        states = [self.states(p, a) for p, a in pairs]
        width = max(len(s) for s in states)
        batch = states[0].new_zeros((len(states), width, states[0].shape[-1]))
        mask = torch.zeros((len(states), width), dtype=torch.long, device=batch.device)
        for i, s in enumerate(states):
            batch[i, :len(s)] = s
            mask[i, :len(s)] = 1
        return head(batch, mask)

    def check(self, problem: str, answer: str) -> None:
        self.checked = True
        ids = torch.tensor([self.ids(problem, answer)], device=next(self.head.parameters()).device)
        with torch.no_grad():
            whole = float(self.full(ids, torch.ones_like(ids))[0])
            top = float(self.scores(self.head, [(problem, answer)])[0])
        if abs(whole - top) > 1e-3 * max(1.0, abs(whole)):
            raise TopLayersUnsupported(f"this architecture cannot be trained on its top layers alone (score {top:.4f} "
                             f"over cached states, {whole:.4f} through the whole model)")


def split_by_problem(rows: list[dict], held_out: float, seed: int) -> tuple[list[dict], list[dict]]:
    ids = sorted({r["task_id"] for r in rows})
    if len(ids) < 4:
        return rows, []
    random.Random(seed).shuffle(ids)
    test = set(ids[: max(1, int(len(ids) * held_out))])
    return [r for r in rows if r["task_id"] not in test], [r for r in rows if r["task_id"] in test]


def bce_training_rows(rows: list[dict], held_out_pairs: list[dict]) -> list[dict]:
    """The BCE rows to train on: none of a held-out problem's, so the held-out figures are."""
    held_out = {p["task_id"] for p in held_out_pairs}
    return [r for r in rows if r["task_id"] not in held_out]


def evaluate_pairs(scorer: VerifierScorer, pairs: list[dict]) -> dict:
    if not pairs:
        return {"pairs": 0}
    pos = torch.tensor(scorer.score_all([(p["problem"], p["pos"]) for p in pairs]))
    neg = torch.tensor(scorer.score_all([(p["problem"], p["neg"]) for p in pairs]))
    return {"pairs": len(pairs), "accuracy": pairwise_accuracy(pos, neg), "loss": float(bt_loss(pos, neg))}


def train_verifier(model, tok, pairs: list[dict], rows: list[dict], *, loss: str, lr: float, batch_size: int,
                   grad_accum: int, epochs: int, max_steps: int | None, seed: int, max_length: int,
                   accelerator=None, top_layers: int | None = None,
                   say: Callable[[str], None] | None = None) -> tuple[VerifierScorer, dict]:
    """``top_layers``: train through the top layers only (``TopLayersScorer``; the LoRA must sit
    on those layers alone: ``add_lora(..., layers=)``). ``say`` reports progress."""
    say = say or (lambda _: None)
    scorer = (VerifierScorer(model, tok, max_length) if top_layers is None
              else TopLayersScorer(model, tok, max_length, top_layers))
    train_pairs, test_pairs = split_by_problem(pairs, 0.1, seed)
    say(f"verifier: scoring {len(train_pairs)} training and {len(test_pairs)} held-out pairs before training"
        + (" (caching every answer's states below the top layers)" if top_layers else ""))
    report = {"loss": loss, "before": {"train": evaluate_pairs(scorer, train_pairs),
                                       "held_out": evaluate_pairs(scorer, test_pairs)}}
    if loss == "bt":
        items = train_pairs

        def loss_fn(m, batch):
            s = scorer.scores(m, [(b["problem"], b["pos"]) for b in batch] + [(b["problem"], b["neg"]) for b in batch])
            return bt_loss(s[: len(batch)], s[len(batch):])
    elif loss == "bce":
        items = bce_training_rows(rows, test_pairs)

        def loss_fn(m, batch):
            s = scorer.scores(m, [(b["problem"], b["code"]) for b in batch])
            return bce_loss(s, torch.tensor([b["label"] for b in batch], device=s.device))
    else:
        raise ValueError(f"unknown verifier loss {loss!r}")
    losses = train(scorer.head, items, loss_fn, lr=lr, batch_size=batch_size, grad_accum=grad_accum, epochs=epochs,
                   max_steps=max_steps, seed=seed, accelerator=accelerator,
                   log=progress(say, "verifier")) if items else []
    report["curve"] = losses
    say("verifier: scoring the pairs after training")
    report["after"] = {"train": evaluate_pairs(scorer, train_pairs), "held_out": evaluate_pairs(scorer, test_pairs)}
    return scorer, report
