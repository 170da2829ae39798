"""The fast path: N candidates decoded together, with lossless prompt-lookup drafting.

The prompt is evaluated once as sequence 0 and its KV cells are shared with sequences
1..N-1 (``llama_memory_seq_cp`` in a unified cache). Each step puts, for every live
sequence, its last token plus up to ``k`` drafted tokens into one ``llama_batch``.

Drafts come from the prompt: a repair answer mostly re-types the function it was shown,
so the tokens that followed the current n-gram in the prompt are a good guess. A draft
token ``d`` is accepted with probability p(d) under the model's own (temperature-scaled)
distribution; on rejection the token is drawn from p with ``d`` removed. This is
speculative sampling with a point-mass draft, so outputs follow exactly the model's
distribution (and under greedy decoding, exactly the argmax chain).

Sampling is done here in numpy with one seeded RNG per sequence, so a candidate depends
only on its seed and the batch layout. Batched logits differ from one-at-a-time logits in
the last bits (LLAMA_CPP_NOTES.md), so outputs match the plain path exactly only for one
sequence without drafting.
"""

from __future__ import annotations

import ctypes
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

import numpy as np

from .engine import Completion, SampleParams, fence_closed


@dataclass
class _Seq:
    sid: int
    rng: np.random.Generator
    tokens: list[int] = field(default_factory=list)  # generated so far
    pos: int = 0  # position of the next token to feed
    pending: int = -1  # sampled, not yet fed
    text: bytes = b""
    done: bool = False
    finish: str = "length"
    start: float = 0.0
    drafted: int = 0
    accepted: int = 0


def _probs(logits: np.ndarray, params: SampleParams) -> np.ndarray | None:
    """The model's distribution after temperature and top-p; None means greedy."""
    if params.temperature <= 0:
        return None
    z = logits.astype(np.float64) / params.temperature
    z -= z.max()
    p = np.exp(z)
    p /= p.sum()
    if params.top_p < 1.0:
        order = np.argsort(-p)
        cum = np.cumsum(p[order])
        cut = order[np.searchsorted(cum, params.top_p) + 1:]
        p[cut] = 0.0
        p /= p.sum()
    return p


def _draw(p: np.ndarray, rng: np.random.Generator) -> int:
    return int(np.searchsorted(np.cumsum(p), rng.random() * p.sum(), side="right").clip(0, len(p) - 1))


def prompt_lookup(context: list[int], k: int, ngram_max: int = 4, ngram_min: int = 2) -> list[int]:
    """Tokens that followed the latest occurrence of the context's last n-gram."""
    if k <= 0:
        return []
    n_ctx = len(context)
    for n in range(ngram_max, ngram_min - 1, -1):
        if n_ctx <= n:
            continue
        tail = context[-n:]
        # Search backwards, not counting the tail itself.
        for start in range(n_ctx - n - 1, -1, -1):
            if context[start:start + n] == tail:
                follow = context[start + n:start + n + k]
                if follow:
                    return follow
                break
    return []


class BatchedSampler:
    """Owns a second llama.cpp context on an already loaded model (no second load)."""

    def __init__(self, model, n_seq: int, n_ctx: int, draft_tokens: int = 16, step_budget: int = 24):
        import llama_cpp

        self.lc = llama_cpp
        self.model = model
        self.n_seq = n_seq
        self.n_ctx = n_ctx
        self.draft_tokens = draft_tokens
        self.step_budget = step_budget
        p = llama_cpp.llama_context_default_params()
        p.n_ctx = n_ctx
        p.n_batch = 512
        p.n_ubatch = 512
        p.n_seq_max = max(1, n_seq)
        p.n_threads = model.threads
        p.n_threads_batch = model.threads
        p.kv_unified = True  # the prompt's cells are shared, not copied N times
        self.ctx = llama_cpp.llama_init_from_model(model.llm._model.model, p)
        if not self.ctx:
            raise RuntimeError("llama.cpp could not create a batched context")
        self.mem = llama_cpp.llama_get_memory(self.ctx)
        self.batch_cap = 512
        self.batch = llama_cpp.llama_batch_init(self.batch_cap, 0, max(1, n_seq))
        self.n_vocab = model.n_vocab
        self.vocab = model.llm._model.vocab
        self.cached: list[int] = []  # the tokens of sequence 0's prompt in the KV cache
        self.reused_prompt_tokens = 0
        self.rows_decoded = 0  # batch rows evaluated so far (prompt included)

    def close(self) -> None:
        if self.ctx:
            self.lc.llama_batch_free(self.batch)
            self.lc.llama_free(self.ctx)
            self.ctx = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # -- low level -----------------------------------------------------------------------
    def _decode(self, items: list[tuple[int, int, list[int], bool]]) -> None:
        """items: (token, pos, seq_ids, want_logits) -> one llama_decode."""
        b = self.batch
        for i, (tok, pos, seqs, want) in enumerate(items):
            b.token[i] = tok
            b.pos[i] = pos
            b.n_seq_id[i] = len(seqs)
            for k, s in enumerate(seqs):
                b.seq_id[i][k] = s
            b.logits[i] = want
        b.n_tokens = len(items)
        self.rows_decoded += len(items)
        self.model.governor.apply(self.ctx)
        rc = self.lc.llama_decode(self.ctx, b)
        if rc != 0:
            raise RuntimeError(f"llama_decode failed ({rc}): context full?")

    def _logits(self, i: int) -> np.ndarray:
        ptr = self.lc.llama_get_logits_ith(self.ctx, i)
        return np.ctypeslib.as_array(ptr, shape=(self.n_vocab,))

    def _eval_prompt(self, prompt: list[int]) -> np.ndarray:
        """Evaluate the prompt as sequence 0, reusing what the last call left in the cache.

        Turn t+1's conversation starts with turn t's, so only the new messages cost time.
        """
        common = 0
        limit = min(len(self.cached), len(prompt) - 1)  # at least one token: fresh logits
        while common < limit and self.cached[common] == prompt[common]:
            common += 1
        for s in range(1, self.n_seq):
            self.lc.llama_memory_seq_rm(self.mem, s, 0, -1)
        if not self.lc.llama_memory_seq_rm(self.mem, 0, common, -1):
            self.lc.llama_memory_clear(self.mem, True)
            common = 0
        last_index = 0
        for start in range(common, len(prompt), self.batch_cap):
            chunk = prompt[start:start + self.batch_cap]
            last = start + len(chunk) == len(prompt)
            self._decode([(t, start + j, [0], last and j == len(chunk) - 1) for j, t in enumerate(chunk)])
            last_index = len(chunk) - 1
        self.cached = list(prompt)
        self.reused_prompt_tokens = common
        logits = self._logits(last_index).copy()
        for s in range(1, self.n_seq):
            self.lc.llama_memory_seq_cp(self.mem, 0, s, -1, -1)
        return logits

    # -- sampling ------------------------------------------------------------------------
    def sample(self, prompt: list[int], n: int, params: SampleParams, seeds: list[int], max_tokens: int,
               draft: bool = True, on_token: Callable[[int], None] | None = None) -> Iterator[Completion]:
        """Yield each of the n completions as soon as its sequence finishes."""
        assert n <= self.n_seq
        t0 = time.monotonic()
        first = self._eval_prompt(prompt)
        seqs = [_Seq(s, np.random.default_rng(seeds[s] & 0xFFFFFFFF), pos=len(prompt), start=t0) for s in range(n)]
        for s in seqs:
            s.pending = self._pick(first, params, s.rng)
        prompt_tail = list(prompt)
        while True:
            # 1. Take each live sequence's pending token; a finished sequence is handed out
            #    at once (fix tests it while the others keep decoding).
            live = []
            for s in seqs:
                if s.finish == "yielded":
                    continue
                if not s.done and self._accept_token(s, s.pending, params, max_tokens, on_token, prompt):
                    live.append(s)
                else:
                    yield self._completion(s, len(prompt))
            if not live:
                return
            # 2. One batch. Sequences whose histories are still identical (at T=0.7 they often
            #    re-type the same code for dozens of tokens, and under greedy decoding forever)
            #    form a group: its tokens go in once, tagged with every member's sequence id,
            #    so they fill one shared KV cell and cost one row of compute. Each member still
            #    samples from those logits with its own RNG, so nothing about the
            #    distribution changes; members split up the moment they sample differently.
            groups: dict[tuple, list[_Seq]] = {}
            for s in live:
                groups.setdefault((s.pos, tuple(s.tokens)), []).append(s)
            items, spans = [], []
            # On a CPU a decode step costs about in proportion to its tokens once several
            # rows share it, so drafts get the room the groups leave in a fixed per-step
            # budget: many drafts for one group, few for five.
            per_group = min(self.draft_tokens, max(0, self.step_budget // len(groups) - 1))
            for members in groups.values():
                lead = members[0]
                room = max_tokens - len(lead.tokens) - 1
                drafts = prompt_lookup(prompt_tail + lead.tokens, min(per_group, room)) if draft else []
                if len(items) + 1 + len(drafts) > self.batch_cap:
                    drafts = drafts[: max(0, self.batch_cap - len(items) - 1)]
                start = len(items)
                sids = [m.sid for m in members]
                for j, tok in enumerate([lead.tokens[-1]] + drafts):
                    items.append((tok, lead.pos + j, sids, True))
                spans.extend((m, start, drafts) for m in members)
            self._decode(items)
            dists: dict[int, tuple[np.ndarray, np.ndarray | None]] = {}

            def dist(i: int):
                """Logits and distribution of batch row i, computed once for all members."""
                if i not in dists:
                    logits = self._logits(i)
                    dists[i] = (logits, _probs(logits, params))
                return dists[i]

            # 3. Verify drafts left to right; the first rejection ends the member's step.
            for s, start, drafts in spans:
                s.pos += 1
                s.drafted += len(drafts)
                nxt = None
                for j, d in enumerate(drafts):
                    tok, ok = self._verify(*dist(start + j), d, s.rng)
                    if not ok:
                        nxt = tok
                        break
                    s.accepted += 1
                    s.pos += 1
                    if not self._accept_token(s, d, params, max_tokens, on_token, prompt):
                        nxt = -1
                        break
                if s.done:
                    self.lc.llama_memory_seq_rm(self.mem, s.sid, s.pos, -1)
                    continue
                if nxt is None:  # every draft accepted: a bonus token from the last logits
                    nxt = self._draw_from(*dist(start + len(drafts)), s.rng)
                # Drop this member's claim on the cells of rejected drafts.
                self.lc.llama_memory_seq_rm(self.mem, s.sid, s.pos, -1)
                s.pending = nxt

    def _pick(self, logits: np.ndarray, params: SampleParams, rng: np.random.Generator) -> int:
        return self._draw_from(logits, _probs(logits, params), rng)

    @staticmethod
    def _draw_from(logits: np.ndarray, p: np.ndarray | None, rng: np.random.Generator) -> int:
        return int(np.argmax(logits)) if p is None else _draw(p, rng)

    @staticmethod
    def _verify(logits: np.ndarray, p: np.ndarray | None, draft: int, rng) -> tuple[int, bool]:
        if p is None:
            best = int(np.argmax(logits))
            return best, best == draft
        if rng.random() < p[draft]:
            return draft, True
        p = p.copy()
        p[draft] = 0.0
        return _draw(p, rng), False

    def _accept_token(self, s: _Seq, tok: int, params: SampleParams, max_tokens: int,
                      on_token, prompt: list[int]) -> bool:
        """Append a token to the sequence; False when the sequence has just finished."""
        if s.done:
            return False
        if self.lc.llama_vocab_is_eog(self.vocab, tok):
            s.done, s.finish = True, "stop"
            return False
        piece = self.model.llm.detokenize([tok], prev_tokens=prompt + s.tokens)
        s.tokens.append(tok)
        s.text += piece
        if on_token is not None:
            on_token(1)
        if params.stop_at_fence and b"`" in piece and fence_closed(s.text.decode("utf-8", "replace")):
            s.done, s.finish = True, "fence"
            return False
        if len(s.tokens) >= max_tokens:
            s.done, s.finish = True, "length"
            return False
        return True

    def _completion(self, s: _Seq, n_prompt: int) -> Completion:
        finish = s.finish
        s.finish = "yielded"
        c = Completion(s.text.decode("utf-8", "replace"), len(s.tokens), time.monotonic() - s.start, finish, n_prompt)
        c.drafted, c.accepted = s.drafted, s.accepted
        return c
