"""The one multi-turn Best-of-N loop, shared by fix, bench and training rollouts.

An ``Environment`` knows the problem (prompt, how to run an answer against the tests the
model may see, what feedback to give); the loop knows nothing about files or benchmarks.
Every candidate is kept in the result so bench can score chains and train can learn
from all of them.
"""

from __future__ import annotations

import copy
import random
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Protocol

from .core import (Candidate, Completion, Environment, Evaluation, Generator, Message, SampleParams, Verifier,
                   split_lead)
from .errors import UserError
from .selection import POLICIES
from .settings import DEFAULTS


class SearchObserver(Protocol):
    def turn_started(self, turn: int, total: int) -> None: ...
    def candidate_done(self, candidate: Candidate) -> None: ...
    def turn_done(self, turn: Turn) -> None: ...


@dataclass
class Turn:
    number: int
    messages: list[Message]
    candidates: list[Candidate]
    chosen: int
    stopped_early: bool = False

    @property
    def choice(self) -> Candidate:
        return self.candidates[self.chosen]


@dataclass
class SearchResult:
    turns: list[Turn]
    solved: bool
    seconds: float
    tokens: int
    # Wall-clock seconds of the search by what it waited on: the model ("generation", incl.
    # reading the one-line proposals), the verifier, and test runs not yet done when needed.
    timing: dict[str, float] = field(default_factory=dict)

    @property
    def final(self) -> Candidate | None:
        return self.turns[-1].choice if self.turns else None

    @property
    def candidates(self) -> list[Candidate]:
        return [c for t in self.turns for c in t.candidates]


@dataclass
class SearchConfig:
    n: int = DEFAULTS.n
    turns: int = DEFAULTS.turns
    select: str = DEFAULTS.select
    seed: int = DEFAULTS.seed
    params: SampleParams = field(default_factory=SampleParams)
    early_stop: bool = False  # fix: stop a turn at the first candidate passing every test
    workers: int = 1  # parallel sandbox runs, overlapped with generation
    rewrite: int = 0  # of the n, how many use the environment's rewrite prompt (if it has one)
    # How many in turns 2+ (None: as many as ``rewrite``). All five there made fewer answers
    # the unchanged code but fixed no more cases (docs/benchmarks.md, repair benchmark): not the default.
    rewrite_later: int | None = None
    # Turn 1 also asks for each of up to this many lines of the targets written afresh (a
    # fill-in-the-middle prompt per line, greedy; environments with ``cloze_prompts`` and
    # generators with ``fim_tokens`` only). These come on top of the n candidates.
    cloze: int = 0
    # With a generator that offers ``line_branches`` and an environment with ``cloze_line``,
    # those lines are not written afresh from their start: each is read as written, and at
    # the ``branches`` places where the model most strongly prefers another token (over all
    # lines), the line is continued from the model's token, greedily, and also proposed with
    # just that token swapped. A one-token bug is such a place; a line written afresh from
    # its start mostly misses it. 0: afresh.
    branches: int = 0

    def __post_init__(self):
        """The one check of these settings, for the CLI and library callers alike."""
        for name in ("n", "turns", "workers"):
            if getattr(self, name) < 1:
                raise UserError(f"{name} must be at least 1 (got {getattr(self, name)})")
        for name in ("cloze", "branches"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise UserError(f"{name} must be a whole number >= 0 (got {value!r})")
        if self.select not in POLICIES:
            raise UserError(f"unknown selection policy {self.select!r}; choose from {', '.join(POLICIES)}")
        for name, value in (("rewrite", self.rewrite), ("rewrite_later", self.rewrite_later)):
            optional = name == "rewrite_later" and value is None
            if not optional and (not isinstance(value, int) or isinstance(value, bool)):
                raise UserError(f"{name} must be a whole number (got {value!r})")
        if not 0 <= self.rewrite <= self.n:
            raise UserError(f"rewrite must be between 0 and n ({self.n})")
        if self.rewrite_later is not None and not 0 <= self.rewrite_later <= self.n:
            raise UserError(f"rewrite_later must be between 0 and n ({self.n})")

    def rewrites(self, turn: int) -> int:
        """How many of this turn's candidates use the rewrite prompt."""
        return self.rewrite if turn == 1 or self.rewrite_later is None else self.rewrite_later


def turn_seed(seed: int, turn: int) -> int:
    return (seed * 1_000_003 + turn * 7_919) & 0x7FFFFFFF


class Search:
    def __init__(self, generator: Generator, verifier: Verifier, config: SearchConfig,
                 observer: SearchObserver | None = None):
        self.generator = generator
        self.verifier = verifier
        self.config = config
        self.observer = observer
        self.policy = POLICIES[config.select]

    def run(self, env: Environment, previous: Evaluation | None = None, after: int = 0) -> SearchResult:
        """``previous``: the evaluation of the starting code, if any (fix has one). ``after``:
        turns another search made before this one (its turns are numbered on from there; it
        starts as a first turn does, with its own one-line proposals and rewrites)."""
        cfg = self.config
        rng = random.Random(cfg.seed)
        messages = env.initial_messages()
        turns: list[Turn] = []
        start = time.monotonic()
        tokens = 0
        solved = False
        pool = ThreadPoolExecutor(max_workers=max(1, cfg.workers))
        self._runs: dict[str, Future] = {}  # answer text -> its test run, shared by repeats
        self.timing: Counter[str] = Counter()
        self._after = after
        try:
            for t in range(1, cfg.turns + 1):
                if self.observer:
                    self.observer.turn_started(after + t, after + cfg.turns)
                cands, stopped = self._sample_turn(env, messages, t, pool)
                tokens += sum(c.tokens for c in cands)
                contenders = self._to_score(cands, previous)
                if contenders:
                    # Sampled answers repeat (often, at low temperature): score each code once.
                    codes = list(dict.fromkeys(_code(c) for c in contenders))
                    began = time.monotonic()
                    score_of = dict(zip(codes, self.verifier.score(env.problem, codes)))
                    self.timing["verifier"] += time.monotonic() - began
                    for c in contenders:
                        c.score, c.scored = score_of[_code(c)], True
                for c in cands:
                    if not c.evaluation.valid:
                        c.score = float("-inf")
                chosen = self.policy.choose(cands, previous, rng)
                turn = Turn(after + t, list(messages), cands, chosen, stopped)
                turns.append(turn)
                if self.observer:
                    self.observer.turn_done(turn)
                pick = turn.choice
                if pick.evaluation.passed:
                    solved = True
                    break
                if pick.evaluation.valid:
                    previous = pick.evaluation
                if t < cfg.turns:
                    messages = self._next_messages(env, messages, pick)
        except BaseException:
            # Ctrl-C: do not wait here for test runs in flight; the caller kills them.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        timing = {k: round(v, 3) for k, v in self.timing.items()}
        return SearchResult(turns, solved, time.monotonic() - start, tokens, timing)

    def _result(self, fut: Future) -> Evaluation:
        """A candidate's test run, the time spent waiting for it counted."""
        if fut.done():
            return fut.result()
        began = time.monotonic()
        try:
            return fut.result()
        finally:
            self.timing["tests_wait"] += time.monotonic() - began

    @staticmethod
    def _next_messages(env: Environment, messages: list[Message], pick: Candidate) -> list[Message]:
        """The chat plus the feedback, unless the environment shapes its later turns itself. A
        chat that ends with a lead (core.split_lead) has the whole answer in its place, and
        the next answer begins with the same lead."""
        shape = getattr(env, "next_messages", None)
        if shape is not None:
            return shape(messages, pick.answer, pick.evaluation)
        chat, lead = split_lead(messages)
        return chat + [
            {"role": "assistant", "content": pick.answer},
            {"role": "user", "content": env.feedback_message(pick.evaluation)},
        ] + ([{"role": "assistant", "content": lead}] if lead else [])

    def _asks(self, env: Environment, messages: list[Message], turn: int) -> list[tuple]:
        """(messages or raw prompt, how many, strategy, tag) for this turn's candidates."""
        cfg = self.config
        rewrite = getattr(env, "rewrite_messages", None)
        k = cfg.rewrites(turn) if rewrite is not None else 0
        asks = [(messages, cfg.n - k, "sample", None)] if cfg.n - k > 0 else []
        if k:
            asks.append((rewrite(), k, "rewrite", None))
        cloze, fim = getattr(env, "cloze_prompts", None), getattr(self.generator, "fim_tokens", None)
        marks = fim() if turn == 1 and cfg.cloze and cloze is not None and fim is not None else None
        if marks:
            items = cloze(marks, cfg.cloze)
            branch, line = getattr(self.generator, "line_branches", None), getattr(env, "cloze_line", None)
            if cfg.branches and branch is not None and line is not None:
                found = branch([p for p, _ in items], [line(tag) for _, tag in items], cfg.branches)
                asks += [(b.prompt, 1, "cloze", (items[b.item][1], b.head)) for b in found]
            else:
                asks += [(prompt, 1, "cloze", (tag, "")) for prompt, tag in items]
        return asks

    def _streams(self, asks: list[tuple], strategies: list[str], tags: list) -> list:
        """The turn's completions, cheapest first: a one-line proposal that is a whole line
        already (a token swapped) needs no model and comes at once; then the other one-line
        proposals (their prompts are mostly read already, by the scoring); then the answers
        to the chat prompts. With early stop, a one-line fix that passes ends the turn before
        the chat prompts are read at all. One stream per group where the generator batches
        prompts, else one per prompt."""
        whole = [k for k, s in enumerate(strategies) if s == "cloze" and "\n" in tags[k][1]]
        lines = [k for k, s in enumerate(strategies) if s == "cloze" and k not in whole]
        chat = [k for k, s in enumerate(strategies) if s != "cloze"]
        streams: list = [_given(whole)] if whole else []
        many = getattr(self.generator, "sample_many", None)
        for group in (lines, chat):
            if not group:
                continue
            if many is not None:
                streams.append(_renumbered(many([asks[k] for k in group]), group))
            else:
                streams += [_tag(self.generator.sample(*asks[k]), k) for k in group]
        return streams

    def _to_score(self, cands: list[Candidate], previous: Evaluation | None) -> list[Candidate]:
        """The candidates whose verifier score can change the choice (scoring costs a forward
        pass per distinct answer); fewer than two distinct codes: none."""
        contenders = self.policy.contenders(cands, previous)
        return contenders if len({_code(c) for c in contenders}) > 1 else []

    def _sample_turn(self, env: Environment, messages: list[Message], t: int,
                     pool: ThreadPoolExecutor) -> tuple[list[Candidate], bool]:
        cfg = self.config
        seed = turn_seed(cfg.seed, t)
        asks, strategies, tags, offsets = [], [], [], []
        index = 0
        began = time.monotonic()
        turn_asks = self._asks(env, messages, t)  # reads the one-line proposals' prompts: model time
        self.timing["generation"] += time.monotonic() - began
        for ask_messages, count, strategy, tag in turn_asks:
            params = cfg.params
            if strategy != "sample" and params.greedy_first:
                params = replace(params, greedy_first=False)  # the greedy answer is the main prompt's
            if strategy == "cloze":  # one line, the model's best guess
                params = replace(params, temperature=0.0, stop_at_line=True, stop_at_fence=False, max_tokens=64)
            asks.append((ask_messages, count, params, seed + index))
            strategies.append(strategy)
            tags.append(tag)
            offsets.append(index)
            index += count
        pending: list[tuple[Candidate, Future]] = []
        stopped = False
        own_cache = getattr(env, "dedups_runs", False)
        for stream in self._streams(asks, strategies, tags):
            if stopped:
                break
            mark = time.monotonic()
            try:
                for comp in stream:
                    self.timing["generation"] += time.monotonic() - mark
                    k = comp.ask
                    strategy = strategies[k]
                    greedy = strategy == "sample" and asks[k][2].greedy_first and comp.index == 0
                    text = env.cloze_answer(tags[k][0], tags[k][1] + comp.text) if strategy == "cloze" else comp.text
                    cand = Candidate(self._after + t, offsets[k] + comp.index, text, Evaluation(False, False),
                                     tokens=comp.n_tokens, gen_seconds=comp.seconds, seed=asks[k][3] + comp.index,
                                     strategy="greedy" if greedy else strategy)
                    # The test run overlaps with generating the next candidate; an answer seen
                    # before (this turn or an earlier one) reuses its run instead of a new one.
                    # An environment that dedups runs itself is asked every time: whether an
                    # answer is "unchanged" depends on what the model was shown this turn.
                    if text not in self._runs or own_cache:
                        self._runs[text] = pool.submit(env.evaluate, text)
                    pending.append((cand, self._runs[text]))
                    # Earlier candidates had a whole generation's time to finish their tests, so
                    # waiting on them costs little; the newest is only checked if already done.
                    if cfg.early_stop and (any(self._result(f).passed for _, f in pending[:-1])
                                           or (pending[-1][1].done() and pending[-1][1].result().passed)):
                        stopped = len(pending) < index
                        break
                    mark = time.monotonic()
                else:
                    self.timing["generation"] += time.monotonic() - mark
            finally:
                close = getattr(stream, "close", None)
                if close:
                    close()
            if cfg.early_stop and not stopped and any(self._result(f).passed for _, f in pending) \
                    and len(pending) < index:
                stopped = True  # the last answer of one prompt passed: the next prompt is not needed
        out = []
        # In the order they were asked for (greedy first), numbered by their place in the turn.
        for position, (cand, fut) in enumerate(sorted(pending, key=lambda p: p[0].index)):
            cand.index = position
            cand.evaluation = copy.copy(self._result(fut))  # repeats share a run, not an object
            out.append(cand)
            if self.observer:
                self.observer.candidate_done(cand)
        return out, stopped


def _code(c: Candidate) -> str:
    return c.evaluation.code or c.answer


def _given(asks: list[int]):
    """Completions of prompts whose answer is known already (a whole proposed line): empty."""
    for k in asks:
        yield Completion("", 0, 0.0, "line", ask=k)


def _renumbered(stream, asks: list[int]):
    """A batched stream of some of the turn's prompts, its ``ask`` numbers made the turn's."""
    try:
        for comp in stream:
            comp.ask = asks[comp.ask]
            yield comp
    finally:
        close = getattr(stream, "close", None)
        if close:
            close()


def _tag(stream, ask: int):
    """Completions of one prompt, marked with its place among the turn's prompts."""
    try:
        for i, comp in enumerate(stream):
            comp.ask = ask
            if comp.index == 0 and i > 0:
                comp.index = i  # a generator that does not number its completions
            yield comp
    finally:
        close = getattr(stream, "close", None)
        if close:
            close()

