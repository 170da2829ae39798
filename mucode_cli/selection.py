"""Selection policies: which of a turn's N candidates the search keeps."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Callable, Protocol

if TYPE_CHECKING:
    from .search import Candidate, Evaluation


class SelectionPolicy(Protocol):
    def __call__(self, candidates: list["Candidate"], previous: "Evaluation | None", rng: random.Random) -> int: ...


def regressed(ev: "Evaluation", previous: "Evaluation | None") -> bool:
    """True if a test that passed before this turn fails with this candidate."""
    if previous is None:
        return False
    return any(ok and not ev.outcomes.get(name, False) for name, ok in previous.outcomes.items())


def tests_key(c: "Candidate", previous) -> tuple:
    ev = c.evaluation
    frac = ev.n_passed / ev.n_total if ev.n_total else 0.0
    # Among passing candidates the smallest change wins (cost = changed lines in fix). An
    # answer that changed nothing ranks below a real attempt with the same test results.
    return (ev.valid, ev.passed, -ev.cost if ev.passed else 0.0, not regressed(ev, previous), frac,
            not ev.unchanged)


def _best(candidates, key: Callable, rng: random.Random) -> int:
    keys = [key(c) for c in candidates]
    top = max(keys)
    tied = [i for i, k in enumerate(keys) if k == top]
    return tied[0] if len(tied) == 1 else rng.choice(tied)


def select_pt(candidates, previous, rng):
    """Public tests only; ties broken at random."""
    return _best(candidates, lambda c: tests_key(c, previous), rng)


def select_lv(candidates, previous, rng):
    """Learned verifier only (valid candidates first)."""
    return _best(candidates, lambda c: (c.evaluation.valid, c.score), rng)


def select_pt_lv(candidates, previous, rng):
    """Public tests first (with partial credit and no regressions), then the verifier."""
    return _best(candidates, lambda c: (*tests_key(c, previous), c.score), rng)


def select_random(candidates, previous, rng):
    valid = [i for i, c in enumerate(candidates) if c.evaluation.valid]
    return rng.choice(valid or list(range(len(candidates))))


POLICIES: dict[str, SelectionPolicy] = {
    "pt+lv": select_pt_lv,
    "pt": select_pt,
    "lv": select_lv,
    "random": select_random,
}
