"""The transformers rollout backend: many prompts decoded in one ``generate`` call.

On a GPU this is far faster than llama.cpp for rollouts (hundreds of sequences per
batch); on a CPU llama.cpp is faster, which is why ``--rollout-backend auto`` only
picks this one when CUDA is present and llama.cpp cannot offload to it.

Sampling is seeded per batch: a batch's outputs reproduce when the same requests
are batched together, but not when the batching differs (padding and batch size
change the numerics, as they do in llama.cpp).
"""

from __future__ import annotations

import time

from mucode_cli.answers import fence_closed
from mucode_cli.core import Completion, Message, SampleParams, split_lead

from .batching import Request
from .hf import chat_ids

END_OF_TURN = ("<|im_end|>", "<|eot_id|>", "<|end|>", "<|endoftext|>")


class TransformersGenerator:
    def __init__(self, model, tok, max_rows: int = 64):
        self.model, self.tok, self.max_rows = model.eval(), tok, max_rows
        vocab = tok.get_vocab()
        self.stop_ids = sorted({tok.eos_token_id, *(vocab[t] for t in END_OF_TURN if t in vocab)} - {None})
        self.pad = tok.pad_token_id if tok.pad_token_id is not None else self.stop_ids[0]
        self._backtick: set[int] | None = None

    def sample(self, messages: list[Message], n: int, params: SampleParams, seed: int):
        yield from self.sample_batch([Request(messages, n, params, seed)])[0]

    def sample_batch(self, requests: list[Request]) -> list[list[Completion]]:
        results: list[list[Completion]] = [[] for _ in requests]
        groups: dict[tuple, list[int]] = {}
        for i, r in enumerate(requests):
            p = r.params
            groups.setdefault((p.temperature, p.top_p, p.max_tokens, p.stop_at_fence), []).append(i)
        for idx in groups.values():
            rows = [(i, *self._prompt(requests[i].messages)) for i in idx for _ in range(requests[i].n)]
            seed = sum(requests[i].seed for i in idx) & 0x7FFFFFFF
            for start in range(0, len(rows), self.max_rows):
                chunk = rows[start:start + self.max_rows]
                for (i, _, _), comp in zip(chunk, self._generate([ids for _, ids, _ in chunk], requests[idx[0]].params,
                                                                 seed + start, [lead for _, _, lead in chunk])):
                    results[i].append(comp)
        return results

    def _prompt(self, messages: list[Message]) -> tuple[list[int], str]:
        """Token ids of the chat's generation prompt and of a lead (core.split_lead), and the lead."""
        chat, lead = split_lead(messages)
        ids = chat_ids(self.tok, chat, add_generation_prompt=True)
        return ids + (self.tok.encode(lead, add_special_tokens=False) if lead else []), lead

    def _generate(self, prompts: list[list[int]], params: SampleParams, seed: int,
                  leads: list[str] | None = None) -> list[Completion]:
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        dev = next(self.model.parameters()).device
        width = max(len(p) for p in prompts)
        # Left padding: every row's next token sits at the same position.
        ids = torch.tensor([[self.pad] * (width - len(p)) + p for p in prompts], device=dev)
        mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts], device=dev)
        gen = self
        leads = leads or [""] * len(prompts)

        class FenceStop(StoppingCriteria):
            def __call__(self, input_ids, scores, **kwargs):
                out = torch.zeros(len(input_ids), dtype=torch.bool, device=input_ids.device)
                for row in range(len(input_ids)):
                    if int(input_ids[row, -1]) in gen.backtick_tokens():
                        out[row] = fence_closed(leads[row] + gen.tok.decode(input_ids[row, width:],
                                                                             skip_special_tokens=True))
                return out

        torch.manual_seed(seed)
        t0 = time.monotonic()
        sampling = params.temperature > 0
        with torch.no_grad():
            out = self.model.generate(
                input_ids=ids, attention_mask=mask, max_new_tokens=params.max_tokens, do_sample=sampling,
                temperature=params.temperature if sampling else None, top_p=params.top_p if sampling else None,
                top_k=None, eos_token_id=self.stop_ids, pad_token_id=self.pad,
                stopping_criteria=StoppingCriteriaList([FenceStop()]) if params.stop_at_fence else None)
        seconds = (time.monotonic() - t0) / max(1, len(prompts))
        comps = []
        for row, lead in zip(out[:, width:].tolist(), leads):
            finish = "length"
            for k, tok_id in enumerate(row):
                if tok_id in self.stop_ids:
                    row, finish = row[:k], "stop"
                    break
            text = lead + self.tok.decode(row, skip_special_tokens=True)
            if params.stop_at_fence and fence_closed(text):
                finish = "fence"
            comps.append(Completion(text, len(row), seconds, finish, prompt_tokens=width))
        return comps

    def backtick_tokens(self) -> set[int]:
        """Tokens that can close a code fence: only after one of these is the text decoded."""
        if self._backtick is None:
            vocab = self.tok.get_vocab()
            self._backtick = {i for t, i in vocab.items() if "`" in self.tok.convert_tokens_to_string([t])}
        return self._backtick
