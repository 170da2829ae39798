"""The levers of how ``fix`` talks to the model and reads its answers."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UserError


@dataclass
class RepairStyle:
    """How fix talks to the model and reads its answers. Every field is a lever that
    ``mucode bench repair --variant KEY=VALUE`` can switch, so each choice is made by
    measurement (docs/benchmarks.md has the ablation)."""

    # Defaults: what measured best on the repair benchmark's development cases (docs/benchmarks.md).
    prompt: str = "v1"  # v1: tests and output first, the function last; v0: context block, function, tests, output
    context: str = "inline"  # v1: the rest of the module as an "inline" list, a python "block", or "none"
    diagnose: bool = False  # v1: ask for one sentence on what is wrong before the code
    feedback: str = "v1"  # v1: compact test output with "f(x) returned A, but the test expects B"; v0: pytest's
    lenient: bool = True  # keep answers with harmless extras or only some of several targets
    preserve: bool = True  # keep the original docstring and comments where the answer dropped them
    unchanged: bool = True  # an answer that changes nothing is not tested, and the next turn says so
    history: str = "fresh"  # later turns: a "fresh" prompt on the latest code, or the whole "chat"
    minimize: bool = True  # undo the parts of a passing fix that the tests do not need
    insist: bool = False  # v1: say that returning the code unchanged is wrong
    # v1: the function is shown with its docstring cut to the first paragraph ("short"; the
    # original comes back in the fix) or in "full". A real function's docstring is often most
    # of its text, and a small model types back all it is shown.
    docstrings: str = "short"
    # Cloze prompts (turn 1's one-line proposals): how many lines after the left-out one they
    # show (0: the rest of the function). Each prompt's reading cost is mostly what follows its
    # line, since what comes before is shared with the prompts of later lines; in a long
    # function of a real project that was most of turn 1's time.
    cloze_after: int = 6

    @classmethod
    def before(cls) -> "RepairStyle":
        """The style of mucode 0.1 (before the repair benchmark), kept for comparisons."""
        return cls(prompt="v0", context="block", feedback="v0", lenient=False, preserve=False, unchanged=False,
                   history="chat", minimize=False, docstrings="full")

    def __post_init__(self):
        choices = {"prompt": ("v0", "v1"), "context": ("block", "inline", "none"), "feedback": ("v0", "v1"),
                   "history": ("chat", "fresh"), "docstrings": ("short", "full")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise UserError(f"repair style {name} must be one of {', '.join(allowed)} "
                                f"(got {getattr(self, name)!r})")
        if not isinstance(self.cloze_after, int) or isinstance(self.cloze_after, bool) or self.cloze_after < 0:
            raise UserError(f"repair style cloze_after must be a whole number >= 0 (got {self.cloze_after!r})")
