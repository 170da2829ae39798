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
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Protocol

from .engine import Generator, Message, SampleParams, Verifier
from .selection import POLICIES, tests_key


@dataclass
class Evaluation:
    valid: bool  # the answer could be run at all (parsed, spliced)
    passed: bool  # every visible test passed
    n_passed: int = 0
    n_total: int = 0
    feedback: str = ""
    code: str = ""  # what was run, as the verifier should see it
    cost: float = 0.0  # tie-break among passing candidates, smaller first
    outcomes: dict[str, bool] = field(default_factory=dict)  # test name -> passed
    reason: str = ""  # why invalid
    unchanged: bool = False  # the answer is the code it was shown: the result is known, no test ran
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


class Environment(Protocol):
    @property
    def problem(self) -> str:
        """The initial problem text: what the verifier sees beside an answer."""
        ...

    def initial_messages(self) -> list[Message]: ...

    def evaluate(self, answer: str) -> Evaluation:
        """Run an answer against the visible tests (in the sandbox)."""
        ...

    def feedback_message(self, evaluation: Evaluation) -> str: ...


class SearchObserver(Protocol):
    def turn_started(self, turn: int, total: int) -> None: ...
    def candidate_done(self, candidate: "Candidate") -> None: ...
    def turn_done(self, turn: "Turn") -> None: ...


@dataclass
class Candidate:
    turn: int
    index: int
    answer: str
    evaluation: Evaluation
    score: float = 0.0
    tokens: int = 0
    gen_seconds: float = 0.0
    seed: int = 0
    scored: bool = False  # False: the verifier was not asked (it could not change the choice)
    strategy: str = "sample"  # how it was asked for: "sample", "greedy" or "rewrite"


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

    @property
    def final(self) -> Candidate | None:
        return self.turns[-1].choice if self.turns else None

    @property
    def candidates(self) -> list[Candidate]:
        return [c for t in self.turns for c in t.candidates]


@dataclass
class SearchConfig:
    n: int = 5
    turns: int = 3
    select: str = "pt+lv"
    seed: int = 0
    params: SampleParams = field(default_factory=SampleParams)
    early_stop: bool = False  # fix: stop a turn at the first candidate passing every test
    workers: int = 1  # parallel sandbox runs, overlapped with generation
    rewrite: int = 0  # of the n, how many use the environment's rewrite prompt (if it has one)
    # How many in turns 2+ (None: as many as ``rewrite``). All five there made fewer answers
    # the unchanged code but fixed no more cases (README, repair benchmark): not the default.
    rewrite_later: int | None = None

    def __post_init__(self):
        if self.n < 1:
            raise ValueError("n must be at least 1")
        if self.turns < 1:
            raise ValueError("turns must be at least 1")
        if self.select not in POLICIES:
            raise ValueError(f"unknown selection policy {self.select!r}; choose from {', '.join(POLICIES)}")
        for name, value in (("rewrite", self.rewrite), ("rewrite_later", self.rewrite_later)):
            optional = name == "rewrite_later" and value is None
            if not optional and (not isinstance(value, int) or isinstance(value, bool)):
                raise ValueError(f"{name} must be a whole number (got {value!r})")
        if not 0 <= self.rewrite <= self.n:
            raise ValueError(f"rewrite must be between 0 and n ({self.n})")
        if self.rewrite_later is not None and not 0 <= self.rewrite_later <= self.n:
            raise ValueError(f"rewrite_later must be between 0 and n ({self.n})")

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

    def run(self, env: Environment, previous: Evaluation | None = None) -> SearchResult:
        """``previous``: the evaluation of the starting code, if any (fix has one)."""
        cfg = self.config
        rng = random.Random(cfg.seed)
        messages = env.initial_messages()
        turns: list[Turn] = []
        start = time.monotonic()
        tokens = 0
        solved = False
        pool = ThreadPoolExecutor(max_workers=max(1, cfg.workers))
        self._runs: dict[str, Future] = {}  # answer text -> its test run, shared by repeats
        try:
            for t in range(1, cfg.turns + 1):
                if self.observer:
                    self.observer.turn_started(t, cfg.turns)
                cands, stopped = self._sample_turn(env, messages, t, pool)
                tokens += sum(c.tokens for c in cands)
                contenders = self._to_score(cands, previous)
                if contenders:
                    # Sampled answers repeat (often, at low temperature): score each code once.
                    codes = list(dict.fromkeys(_code(c) for c in contenders))
                    score_of = dict(zip(codes, self.verifier.score(env.problem, codes)))
                    for c in contenders:
                        c.score, c.scored = score_of[_code(c)], True
                for c in cands:
                    if not c.evaluation.valid:
                        c.score = float("-inf")
                chosen = self.policy(cands, previous, rng)
                turn = Turn(t, list(messages), cands, chosen, stopped)
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
        return SearchResult(turns, solved, time.monotonic() - start, tokens)

    @staticmethod
    def _next_messages(env: Environment, messages: list[Message], pick: Candidate) -> list[Message]:
        """The chat plus the feedback, unless the environment shapes its later turns itself."""
        shape = getattr(env, "next_messages", None)
        if shape is not None:
            return shape(messages, pick.answer, pick.evaluation)
        return messages + [
            {"role": "assistant", "content": pick.answer},
            {"role": "user", "content": env.feedback_message(pick.evaluation)},
        ]

    def _asks(self, env: Environment, messages: list[Message], turn: int) -> list[tuple[list[Message], int, str]]:
        """(messages, how many, strategy) for this turn's candidates."""
        cfg = self.config
        rewrite = getattr(env, "rewrite_messages", None)
        k = cfg.rewrites(turn) if rewrite is not None else 0
        asks = [(messages, cfg.n - k, "sample")] if cfg.n - k > 0 else []
        if k:
            asks.append((rewrite(), k, "rewrite"))
        return asks

    def _to_score(self, cands: list[Candidate], previous: Evaluation | None) -> list[Candidate]:
        """The candidates whose verifier score can change the choice. Scoring costs a forward
        pass per distinct answer; under pt+lv only those tied on the tests compete on it."""
        valid = [c for c in cands if c.evaluation.valid]
        if self.config.select in ("pt", "random") or not valid:
            return []
        if self.config.select == "pt+lv":
            keys = {id(c): tests_key(c, previous) for c in valid}
            top = max(keys.values())
            valid = [c for c in valid if keys[id(c)] == top]
            if len({_code(c) for c in valid}) < 2:
                return []  # one answer (or one code) leads on the tests: it wins anyway
        return valid

    def _sample_turn(self, env: Environment, messages: list[Message], t: int,
                     pool: ThreadPoolExecutor) -> tuple[list[Candidate], bool]:
        cfg = self.config
        seed = turn_seed(cfg.seed, t)
        asks, strategies, offsets = [], [], []
        index = 0
        for ask_messages, count, strategy in self._asks(env, messages, t):
            params = cfg.params
            if strategy != "sample" and params.greedy_first:
                params = replace(params, greedy_first=False)  # the greedy answer is the main prompt's
            asks.append((ask_messages, count, params, seed + index))
            strategies.append(strategy)
            offsets.append(index)
            index += count
        pending: list[tuple[Candidate, Future]] = []
        stopped = False
        own_cache = getattr(env, "dedups_runs", False)
        many = getattr(self.generator, "sample_many", None)
        # One stream for every prompt where the generator batches them, else one per prompt.
        streams = [many(asks)] if many is not None else \
            [_tag(self.generator.sample(*a), k) for k, a in enumerate(asks)]
        for stream in streams:
            if stopped:
                break
            try:
                for comp in stream:
                    k = comp.ask
                    strategy = strategies[k]
                    greedy = strategy == "sample" and asks[k][2].greedy_first and comp.index == 0
                    cand = Candidate(t, offsets[k] + comp.index, comp.text, Evaluation(False, False),
                                     tokens=comp.n_tokens, gen_seconds=comp.seconds, seed=asks[k][3] + comp.index,
                                     strategy="greedy" if greedy else strategy)
                    # The test run overlaps with generating the next candidate; an answer seen
                    # before (this turn or an earlier one) reuses its run instead of a new one.
                    # An environment that dedups runs itself is asked every time: whether an
                    # answer is "unchanged" depends on what the model was shown this turn.
                    if comp.text not in self._runs or own_cache:
                        self._runs[comp.text] = pool.submit(env.evaluate, comp.text)
                    pending.append((cand, self._runs[comp.text]))
                    # Earlier candidates had a whole generation's time to finish their tests, so
                    # waiting on them costs little; the newest is only checked if already done.
                    if cfg.early_stop and (any(f.result().passed for _, f in pending[:-1])
                                           or (pending[-1][1].done() and pending[-1][1].result().passed)):
                        stopped = len(pending) < cfg.n
                        break
            finally:
                close = getattr(stream, "close", None)
                if close:
                    close()
            if cfg.early_stop and not stopped and any(f.result().passed for _, f in pending) \
                    and len(pending) < cfg.n:
                stopped = True  # the last answer of one prompt passed: the next prompt is not needed
        out = []
        # In the order they were asked for (greedy first), numbered by their place in the turn.
        for position, (cand, fut) in enumerate(sorted(pending, key=lambda p: p[0].index)):
            cand.index = position
            cand.evaluation = copy.copy(fut.result())  # repeats share a run, not an object
            out.append(cand)
            if self.observer:
                self.observer.candidate_done(cand)
        return out, stopped


def _code(c: Candidate) -> str:
    return c.evaluation.code or c.answer


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
