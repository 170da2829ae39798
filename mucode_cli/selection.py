"""Selection policies: which of a turn's N candidates the search keeps."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Protocol

from .core import Candidate, Evaluation


class Choose(Protocol):
    def __call__(self, candidates: list[Candidate], previous: Evaluation | None, rng: random.Random) -> int: ...


@dataclass(frozen=True)
class SelectionPolicy:
    """How a policy chooses, and which candidates it needs verifier scores for: the search
    scores only those, since scoring costs a forward pass per distinct answer."""

    choose: Choose
    contenders: Callable[[list[Candidate], Evaluation | None], list[Candidate]]
    doc: str = ""


def regressed(ev: Evaluation, previous: Evaluation | None) -> bool:
    """True if a test that passed before this turn fails with this candidate."""
    if previous is None:
        return False
    return any(ok and not ev.outcomes.get(name, False) for name, ok in previous.outcomes.items())


def tests_key(c: Candidate, previous: Evaluation | None) -> tuple:
    ev = c.evaluation
    frac = ev.n_passed / ev.n_total if ev.n_total else 0.0
    # Among passing candidates the smallest change wins (cost = changed lines in fix). An
    # answer whose tests did not even run (it fails to import: a top-level assert, a syntax
    # error) ranks below one whose tests ran and failed: the next turn's feedback on a
    # failing test says more than an import error, and the zero-shot verifier, left to
    # break that tie, preferred the broken answers (13 of 16 times on HumanEval 1-40). An
    # answer that changed nothing ranks below a real attempt with the same test results.
    return (ev.valid, ev.passed, -ev.cost if ev.passed else 0.0, not regressed(ev, previous), ev.n_total > 0,
            frac, not ev.unchanged)


def _best(candidates, key: Callable, rng: random.Random) -> int:
    keys = [key(c) for c in candidates]
    top = max(keys)
    tied = [i for i, k in enumerate(keys) if k == top]
    return tied[0] if len(tied) == 1 else rng.choice(tied)


def _valid(candidates, previous) -> list[Candidate]:
    return [c for c in candidates if c.evaluation.valid]


def _none(candidates, previous) -> list[Candidate]:
    return []


def agreement(candidates: list[Candidate]) -> list[int]:
    """Per candidate, how many of the turn's candidates behave as it does on the probe inputs
    (itself included; repeats count, as samples do); 0 for one not probed."""
    seen = [c.evaluation.behaviour for c in candidates]
    return [0 if b is None else seen.count(b) for b in seen]


def _tests_key(candidates, previous) -> Callable[[Candidate], tuple]:
    return lambda c: tests_key(c, previous)


def _votes(candidates) -> dict[int, int]:
    return {id(c): v for c, v in zip(candidates, agreement(candidates))}


def _agreed_key(candidates, previous) -> Callable[[Candidate], tuple]:
    votes = _votes(candidates)
    return lambda c: (*tests_key(c, previous), votes[id(c)])


def _examples_key(candidates, previous) -> Callable[[Candidate], tuple]:
    votes = _votes(candidates)
    return lambda c: (*tests_key(c, previous), c.evaluation.examples, votes[id(c)])


def _tied_on(make_key) -> Callable[[list[Candidate], Evaluation | None], list[Candidate]]:
    """Contenders for a policy that asks the verifier last: the valid candidates tied at the
    top of ``make_key(candidates, previous)``."""
    def contenders(candidates, previous) -> list[Candidate]:
        valid = _valid(candidates, previous)
        if not valid:
            return []
        key = make_key(valid, previous)
        top = max(map(key, valid))
        return [c for c in valid if key(c) == top]
    return contenders


_tied_on_tests = _tied_on(_tests_key)  # pt+lv
_tied_on_agreement = _tied_on(_agreed_key)  # the best on the tests, then on agreement
_tied_on_examples = _tied_on(_examples_key)  # ... on the prompt's examples, then agreement


def _then_verifier(make_key):
    """A policy choosing the best on ``make_key(candidates, previous)``, then on the verifier:
    the same key its contenders (``_tied_on(make_key)``) are tied on."""
    def select(candidates, previous, rng):
        key = make_key(candidates, previous)
        return _best(candidates, lambda c: (*key(c), c.score), rng)
    return select


select_pt_ex_agree_lv = _then_verifier(_examples_key)
select_pt_agree_lv = _then_verifier(_agreed_key)
select_pt_lv = _then_verifier(_tests_key)


def select_pt(candidates, previous, rng):
    return _best(candidates, lambda c: tests_key(c, previous), rng)


def select_lv(candidates, previous, rng):
    return _best(candidates, lambda c: (c.evaluation.valid, c.score), rng)


def select_random(candidates, previous, rng):
    valid = [i for i, c in enumerate(candidates) if c.evaluation.valid]
    return rng.choice(valid or list(range(len(candidates))))


POLICIES: dict[str, SelectionPolicy] = {
    "pt+ex+agree+lv": SelectionPolicy(select_pt_ex_agree_lv, _tied_on_examples,
                                      "public tests first, then the prompt's other examples, then agreement "
                                      "on probe inputs, then the verifier"),
    "pt+agree+lv": SelectionPolicy(select_pt_agree_lv, _tied_on_agreement,
                                   "public tests first, then agreement on probe inputs, then the verifier"),
    "pt+lv": SelectionPolicy(select_pt_lv, _tied_on_tests,
                             "public tests first (partial credit, no regressions), then the verifier"),
    "pt": SelectionPolicy(select_pt, _none, "public tests only; ties broken at random"),
    "lv": SelectionPolicy(select_lv, _valid, "the verifier only (valid candidates first)"),
    "random": SelectionPolicy(select_random, _none, "a valid candidate at random"),
}
