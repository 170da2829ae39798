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

import time
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator

import numpy as np

from .answers import fence_closed
from .core import Completion, SampleParams
from .quiet import quiet_stderr


@dataclass
class Ask:
    """One prompt of a batch: n sequences that share it, with their sampling settings."""

    prompt: list[int]
    n: int
    params: SampleParams
    seeds: list[int]
    max_tokens: int
    lead: str = ""  # the answer's given start (core.split_lead): each completion's text starts with it


@dataclass
class _Seq:
    sid: int
    rng: np.random.Generator
    ask: int = 0  # which prompt of the batch it continues
    index: int = 0  # its place among that prompt's n
    tokens: list[int] = field(default_factory=list)  # generated so far
    pos: int = 0  # position of the next token to feed
    pending: int = -1  # sampled, not yet fed
    text: bytes = b""
    done: bool = False
    finish: str = "length"
    start: float = 0.0
    drafted: int = 0
    accepted: int = 0


def _probs(logits: np.ndarray, params: SampleParams, history: np.ndarray | None = None) -> np.ndarray | None:
    """The model's distribution after the repetition penalty, temperature, top-k and top-p;
    None means greedy (plain argmax: no penalty, so greedy re-types what it is shown)."""
    if params.temperature <= 0:
        return None
    z = logits.astype(np.float64)
    if params.repeat_penalty != 1.0 and history is not None and len(history):
        seen = z[history]
        z[history] = np.where(seen > 0, seen / params.repeat_penalty, seen * params.repeat_penalty)
    z /= params.temperature
    if 0 < params.top_k < len(z):
        # Only the k best can be drawn: work on those (argpartition, not a full sort).
        keep = np.argpartition(-z, params.top_k - 1)[: params.top_k]
        zk = z[keep] - z[keep].max()
        pk = np.exp(zk)
        pk /= pk.sum()
        if params.top_p < 1.0:
            order = np.argsort(-pk)
            cum = np.cumsum(pk[order])
            pk[order[np.searchsorted(cum, params.top_p) + 1:]] = 0.0
            pk /= pk.sum()
        p = np.zeros(len(z))
        p[keep] = pk
        return p
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


def _token_stats(logits: np.ndarray, token: int, top: int) -> np.ndarray:
    """[log p of ``token``, then the ``top`` likeliest ids and their log p, best first]."""
    z = logits.astype(np.float64)
    best = np.argpartition(-z, top - 1)[:top]
    best = best[np.argsort(-z[best])]
    lse = z[best[0]] + np.log(np.exp(z - z[best[0]]).sum())
    out = np.empty(1 + 2 * top)
    out[0] = z[token] - lse
    out[1::2], out[2::2] = best, z[best] - lse
    return out


def _draw(p: np.ndarray, rng: np.random.Generator) -> int:
    return int(np.searchsorted(np.cumsum(p), rng.random() * p.sum(), side="right").clip(0, len(p) - 1))


def _common_prefix(a: list[int], b: list[int]) -> int:
    """Tokens ``b`` shares with the start of ``a``, leaving at least its last one to evaluate
    (whose logits are wanted)."""
    limit = min(len(a), len(b) - 1)
    n = 0
    while n < limit and a[n] == b[n]:
        n += 1
    return n


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

    def __init__(self, model, n_seq: int, n_ctx: int, draft_tokens: int = 16, step_budget: int = 24,
                 flash_attn: bool = True):
        import llama_cpp

        self.lc = llama_cpp
        self.model = model
        self.n_seq = n_seq
        self.n_ctx = n_ctx
        self.draft_tokens = draft_tokens
        self.step_budget = step_budget
        self.flash_attn = flash_attn
        p = llama_cpp.llama_context_default_params()
        p.n_ctx = n_ctx
        p.n_batch = 512
        p.n_ubatch = 512
        p.n_seq_max = max(1, n_seq)
        p.n_threads = model.threads
        p.n_threads_batch = model.threads
        p.kv_unified = True  # the prompt's cells are shared, not copied N times
        # Flash attention (on for a CPU under llama.cpp's "auto") cuts both ways here: without
        # it a decode step of 5 sequences was 1.2x / 2.0x / 2.3x faster at a 200 / 1,000 /
        # 2,000-token context (bench/speed.py --attention), but fix's turn on the bundled
        # example, mostly reading and scoring many one-line prompts, took 5.6-6.3 s instead
        # of 1.1-1.7 s. So: on (fix, repair), off for long sampled answers (``LlamaModel.flash_attn``).
        if hasattr(p, "flash_attn_type"):
            p.flash_attn_type = 1 if flash_attn else 0

        with quiet_stderr():  # llama.cpp prints context-size notices straight to fd 2
            self.ctx = llama_cpp.llama_init_from_model(model.llm._model.model, p)
        if not self.ctx:
            raise RuntimeError("llama.cpp could not create a batched context")
        self.mem = llama_cpp.llama_get_memory(self.ctx)
        self.batch_cap = 512
        self.batch = llama_cpp.llama_batch_init(self.batch_cap, 0, max(1, n_seq))
        self.n_vocab = model.n_vocab
        self.vocab = model.llm._model.vocab
        self.cached: dict[int, list[int]] = {}  # holder sequence -> the prompt tokens it has in the KV cache
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

    def _eval_prompts(self, prompts: list[list[int]], holders: list[int]) -> list[np.ndarray]:
        """Evaluate each prompt in the sequence ``holders[k]``, reusing what is already there,
        and share its cells with the sequences up to the next holder.

        Turn t+1's conversation starts with turn t's, and a prompt that does not change
        between turns (a rewrite prompt) is not evaluated again: only new tokens cost time.
        Prompts of one call that begin alike (fill-in-the-middle prompts of one function's
        lines) share their common beginning: it is copied from the earlier prompt's cells.
        """
        for s in range(self.n_seq):
            if s not in holders:
                self.lc.llama_memory_seq_rm(self.mem, s, 0, -1)
        commons = []
        for h, prompt in zip(holders, prompts):
            commons.append(_common_prefix(self.cached.get(h, []), prompt))
        if not all(self.lc.llama_memory_seq_rm(self.mem, h, c, -1) for h, c in zip(holders, commons)):
            self.lc.llama_memory_clear(self.mem, True)
            commons = [0] * len(holders)
        for s in list(self.cached):
            if s not in holders:
                del self.cached[s]
        out = []
        for k, (h, prompt) in enumerate(zip(holders, prompts)):
            common = commons[k]
            # An earlier prompt of this call that shares more of the beginning: copy its cells.
            donor, shared = max(((holders[j], _common_prefix(prompts[j], prompt)) for j in range(k)),
                                key=lambda x: x[1], default=(None, 0))
            if donor is not None and shared > common:
                self.lc.llama_memory_seq_rm(self.mem, h, 0, -1)
                self.lc.llama_memory_seq_cp(self.mem, donor, h, 0, shared)
                common = commons[k] = shared
            last_index = 0
            for start in range(common, len(prompt), self.batch_cap):
                chunk = prompt[start:start + self.batch_cap]
                last = start + len(chunk) == len(prompt)
                self._decode([(t, start + j, [h], last and j == len(chunk) - 1) for j, t in enumerate(chunk)])
                last_index = len(chunk) - 1
            self.cached[h] = list(prompt)
            out.append(self._logits(last_index).copy())
            upto = holders[k + 1] if k + 1 < len(holders) else self.n_seq
            for s in range(h + 1, upto):
                self.lc.llama_memory_seq_cp(self.mem, h, s, -1, -1)
        self.reused_prompt_tokens = sum(commons)
        return out

    def _eval_prompt(self, prompt: list[int]) -> np.ndarray:
        return self._eval_prompts([prompt], [0])[0]

    def score(self, prompts: list[list[int]], conts: list[list[int]], top: int = 8) -> list[np.ndarray]:
        """How the model sees each continuation after its prompt, token by token: per
        token, the log p of the token written, then the ``top`` likeliest tokens and their
        log p (an array of shape (len(cont), 1 + 2 * top): written, id1, lp1, id2, ...).
        One forward pass over all of them; afterwards prompt k stays cached in sequence k
        (its continuation's cells are dropped), so prompts that continue it reuse its cells."""
        assert len(prompts) <= self.n_seq
        firsts = self._eval_prompts(prompts, list(range(len(prompts))))
        out = [np.zeros((len(c), 1 + 2 * top)) for c in conts]
        for h, cont in enumerate(conts):
            if cont:
                out[h][0] = _token_stats(firsts[h], cont[0], top)
        # Row for token j of a continuation predicts token j + 1.
        rows = [(h, j) for h, cont in enumerate(conts) for j in range(len(cont) - 1)]
        for start in range(0, len(rows), self.batch_cap):
            chunk = rows[start:start + self.batch_cap]
            self._decode([(conts[h][j], len(prompts[h]) + j, [h], True) for h, j in chunk])
            for i, (h, j) in enumerate(chunk):
                out[h][j + 1] = _token_stats(self._logits(i), conts[h][j + 1], top)
        for h, prompt in enumerate(prompts):
            self.lc.llama_memory_seq_rm(self.mem, h, len(prompt), -1)
        return out

    # -- sampling ------------------------------------------------------------------------
    def sample(self, prompt: list[int], n: int, params: SampleParams, seeds: list[int], max_tokens: int,
               draft: bool = True, on_token: Callable[[int], None] | None = None) -> Iterator[Completion]:
        """Yield each of the n completions as soon as its sequence finishes."""
        yield from self.sample_asks([Ask(prompt, n, params, seeds, max_tokens)], draft, on_token)

    def sample_asks(self, asks: list[Ask], draft: bool = True,
                    on_token: Callable[[int], None] | None = None) -> Iterator[Completion]:
        """All the asks' sequences decoded in one batch; each completion is yielded as soon as
        its sequence finishes, with ``ask`` and ``index`` saying which it is."""
        assert sum(a.n for a in asks) <= self.n_seq
        t0 = time.monotonic()
        holders = [sum(a.n for a in asks[:k]) for k in range(len(asks))]
        firsts = self._eval_prompts([a.prompt for a in asks], holders)
        seqs: list[_Seq] = []
        own: dict[int, SampleParams] = {}
        prompt_ids: list[np.ndarray | None] = []
        for k, (a, h, first) in enumerate(zip(asks, holders, firsts)):
            penalize = a.params.repeat_penalty != 1.0
            prompt_ids.append(np.unique(np.asarray(a.prompt, dtype=np.int64)) if penalize else None)
            for i in range(a.n):
                s = _Seq(h + i, np.random.default_rng(a.seeds[i] & 0xFFFFFFFF), ask=k, index=i,
                         pos=len(a.prompt), start=t0, text=a.lead.encode("utf-8"))
                own[s.sid] = replace(a.params, temperature=0.0) if a.params.greedy_first and i == 0 else a.params
                s.pending = self._draw_from(first, _probs(first, own[s.sid], prompt_ids[k]), s.rng)
                seqs.append(s)
        while True:
            # 1. Take each live sequence's pending token; a finished sequence is handed out
            #    at once (fix tests it while the others keep decoding).
            live = []
            for s in seqs:
                if s.finish == "yielded":
                    continue
                a = asks[s.ask]
                if not s.done and self._accept_token(s, s.pending, a.params, a.max_tokens, on_token, a.prompt):
                    live.append(s)
                else:
                    yield self._completion(s, len(a.prompt))
            if not live:
                return
            items, spans, history = self._plan_step(live, asks, prompt_ids, draft)
            self._decode(items)
            self._verify_step(spans, asks, _Rows(self, own, prompt_ids, history), on_token)

    def _plan_step(self, live: list[_Seq], asks: list[Ask], prompt_ids: list[np.ndarray | None], draft: bool):
        """2. One batch. Sequences whose histories are still identical (at T=0.7 they often
        re-type the same code for dozens of tokens, and under greedy decoding forever) form a
        group: its tokens go in once, tagged with every member's sequence id, so they fill one
        shared KV cell and cost one row of compute. Each member still samples from those
        logits with its own RNG, so nothing about the distribution changes; members split up
        the moment they sample differently.

        Returns the batch rows, (member, first row, drafts) per member, and for the penalty
        what each row's context has seen."""
        groups: dict[tuple, list[_Seq]] = {}
        for s in live:
            groups.setdefault((s.ask, s.pos, tuple(s.tokens)), []).append(s)
        items, spans = [], []
        history: dict[int, tuple[list[int], list[int]]] = {}
        # On a CPU a decode step costs about in proportion to its tokens once several
        # rows share it, so drafts get the room the groups leave in a fixed per-step
        # budget: many drafts for one group, few for five.
        per_group = min(self.draft_tokens, max(0, self.step_budget // len(groups) - 1))
        for members in groups.values():
            lead = members[0]
            a = asks[lead.ask]
            room = a.max_tokens - len(lead.tokens) - 1
            drafts = prompt_lookup(a.prompt + lead.tokens, min(per_group, room)) if draft else []
            if len(items) + 1 + len(drafts) > self.batch_cap:
                drafts = drafts[: max(0, self.batch_cap - len(items) - 1)]
            start = len(items)
            sids = [m.sid for m in members]
            # The context row start+j has seen (for the penalty): the prompt, the answer so
            # far (copied: verification appends to lead.tokens) and the drafts before j.
            snapshot = list(lead.tokens) if prompt_ids[lead.ask] is not None else None
            for j, tok in enumerate([lead.tokens[-1]] + drafts):
                items.append((tok, lead.pos + j, sids, True))
                if snapshot is not None:
                    history[start + j] = (snapshot, drafts[:j])
            spans.extend((m, start, drafts) for m in members)
        return items, spans, history

    def _verify_step(self, spans, asks: list[Ask], rows: "_Rows", on_token) -> None:
        """3. Verify drafts left to right; the first rejection ends the member's step."""
        for s, start, drafts in spans:
            a = asks[s.ask]
            s.pos += 1
            s.drafted += len(drafts)
            nxt = None
            for j, d in enumerate(drafts):
                tok, ok = self._verify(*rows.dist(start + j, s), d, s.rng)
                if not ok:
                    nxt = tok
                    break
                s.accepted += 1
                s.pos += 1
                if not self._accept_token(s, d, a.params, a.max_tokens, on_token, a.prompt):
                    nxt = -1
                    break
            if s.done:
                self.lc.llama_memory_seq_rm(self.mem, s.sid, s.pos, -1)
                continue
            if nxt is None:  # every draft accepted: a bonus token from the last logits
                nxt = self._draw_from(*rows.dist(start + len(drafts), s), s.rng)
            # Drop this member's claim on the cells of rejected drafts.
            self.lc.llama_memory_seq_rm(self.mem, s.sid, s.pos, -1)
            s.pending = nxt

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
        if params.stop_at_line and b"\n" in piece:
            s.done, s.finish = True, "line"
            return False
        if len(s.tokens) >= max_tokens:
            s.done, s.finish = True, "length"
            return False
        return True

    def _completion(self, s: _Seq, n_prompt: int) -> Completion:
        finish = s.finish
        s.finish = "yielded"
        c = Completion(s.text.decode("utf-8", "replace"), len(s.tokens), time.monotonic() - s.start, finish, n_prompt)
        c.drafted, c.accepted, c.index, c.ask = s.drafted, s.accepted, s.index, s.ask
        return c


class _Rows:
    """The logits and sampling distribution of each row of the step just decoded, computed
    once for all members of a group (greedy and sampling members each get their own)."""

    def __init__(self, sampler: BatchedSampler, own: dict[int, SampleParams], prompt_ids, history):
        self.sampler, self.own, self.prompt_ids, self.history = sampler, own, prompt_ids, history
        self.cache: dict[tuple[int, bool], tuple[np.ndarray, np.ndarray | None]] = {}

    def dist(self, i: int, s: _Seq) -> tuple[np.ndarray, np.ndarray | None]:
        p = self.own[s.sid]
        key = (i, p.temperature <= 0)
        if key not in self.cache:
            logits = self.sampler._logits(i)
            ids = None
            if i in self.history and p.temperature > 0:
                done, drafted = self.history[i]
                ids = np.concatenate([self.prompt_ids[s.ask], np.asarray(done + drafted, dtype=np.int64)])
            self.cache[key] = (logits, _probs(logits, p, ids))
        return self.cache[key]
