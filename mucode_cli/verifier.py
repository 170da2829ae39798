"""The learned verifier: score(problem, answer) = logit("Yes") - logit("No") at the first
token of the assistant's reply (no leading space: the chat template starts the reply on a
fresh line).

A linear head on two output-token logits works zero-shot on any instruct model, trains
with the same BCE/Bradley-Terry losses as a scalar head, and exports as a plain GGUF.
The trainer builds its inputs with ``verifier_messages`` so training and use agree.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .core import Message, Verifier
from .engine import LlamaModel, load_model
from .errors import UserError
from .models import gguf_type, resolve_model
from .value_head import ValueHead, load_head

VERIFY_QUESTION = (
    "You are reviewing a candidate solution to a programming problem.\n\n"
    "Problem:\n{problem}\n\n"
    "Candidate solution:\n```python\n{answer}\n```\n\n"
    "Is the candidate solution correct, so that it passes all the tests? Answer Yes or No."
)
YES, NO = "Yes", "No"


def verifier_messages(problem: str, answer: str) -> list[Message]:
    # Only the initial problem and one answer: the "single-step" in single-step reward.
    return [{"role": "user", "content": VERIFY_QUESTION.format(problem=problem.strip(), answer=answer.strip())}]


class LlamaVerifier:
    """Scores with a loaded GGUF; the problem text comes first so its KV cache is reused.

    With a ``head`` (a value head trained on this model's hidden states) the score is the
    head's; without, the zero-shot logit("Yes") - logit("No"). With an ``adapter`` (a LoRA
    adapter loaded over this model, ``LlamaModel.load_adapter``) every forward pass of the
    verifier goes through it: the paper's verifier, trained with ``mucode train``, on the
    generator's own weights."""

    def __init__(self, model: LlamaModel, head: ValueHead | None = None, head_path: str = "", adapter=None):
        self.model = model
        self.yes = model.token_id(YES)
        self.no = model.token_id(NO)
        self.head = head
        self.adapter = adapter
        if head is not None:
            head.check_model(model.name, model.n_embd, head_path)
            head.check_prompt(VERIFY_QUESTION, head_path)

    def score(self, problem: str, answers: list[str]) -> list[float]:
        out = []
        for answer in answers:
            if self.head is None:
                logits = self.model.next_token_logits(verifier_messages(problem, answer), adapter=self.adapter)
                out.append(float(logits[self.yes] - logits[self.no]))
            else:
                out.append(self.head.score(*self.features(problem, answer)))
        return out

    def features(self, problem: str, answer: str) -> tuple[float, np.ndarray]:
        """What a value head reads: the zero-shot score and the final hidden state."""
        logits, hidden = self.model.verifier_state(verifier_messages(problem, answer), adapter=self.adapter)
        return float(logits[self.yes] - logits[self.no]), hidden


class NullVerifier:
    """``--verifier none``: every answer scores 0, so selection falls back to tests alone."""

    def score(self, problem: str, answers: list[str]) -> list[float]:
        return [0.0 for _ in answers]


def make_verifier(spec: str, generator: LlamaModel, threads: int | None = None,
                  busy: Callable[[], object] | None = None) -> Verifier:
    """``--verifier``: "same" (the generator, zero-shot: no second copy of the weights),
    "none" (tests alone decide), a
    value-head file (``*.json``, read over the generator's own weights), a LoRA adapter GGUF
    (``mucode train``'s ``verifier-lora.gguf``: applied over the generator's own weights), or
    a known model name or GGUF path (zero-shot with that model)."""
    if spec == "none":
        return NullVerifier()
    if spec in ("same", "generator"):
        return LlamaVerifier(generator)
    if spec == "head":
        raise UserError("no verifier head ships with mucode yet: pass a head file (mucode train-head writes one) "
                        "or --verifier same")
    if spec.endswith(".json"):
        return LlamaVerifier(generator, load_head(spec), spec)
    if spec.lower().endswith(".gguf") and gguf_type(resolve_model(spec)) == "adapter":
        return LlamaVerifier(generator, adapter=load_adapter(generator, spec))
    return LlamaVerifier(load_model(spec, threads=threads, busy=busy))


def load_adapter(generator: LlamaModel, path: str):
    """A verifier's LoRA adapter over ``generator``, refused when it was trained over another
    model (llama.cpp checks architecture and shapes; the base's name, which ``mucode train``
    records, tells models of one shape apart)."""
    import ctypes

    import llama_cpp

    adapter = generator.load_adapter(path)
    buf = ctypes.create_string_buffer(512)
    if llama_cpp.llama_adapter_meta_val_str(adapter, b"mucode.adapter.base", buf, len(buf)) >= 0:
        base = buf.value.decode("utf-8", "replace")
        if base and base != generator.name:
            raise UserError(f"the LoRA adapter {path} was trained over {base!r}, not over the generator "
                            f"{generator.name!r}: pass --model {base!r}'s GGUF or another verifier")
    return adapter
