"""The core types and the swappable parts' protocols, with no heavy imports.

Everything that moves between the model layer, the search loop, the environments (fix,
bench, training rollouts) and the selection policies is defined here, so that none of
those modules has to import another just for a dataclass, and a library user can write a
generator, verifier or environment of their own against this file alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Protocol

from .errors import UserError
from .settings import DEFAULTS

if TYPE_CHECKING:  # only for annotations: the sandbox is not a dependency of the types
    from pathlib import Path

    from .project import Interpreter
    from .sandbox import RunResult

Message = dict  # {"role": "user"|"assistant"|"system", "content": str}


def split_lead(messages: list[Message] | str | list[int]) -> tuple[list[Message] | str | list[int], str]:
    """A chat that ends with an assistant message asks the model to continue that message
    (its *lead*, e.g. the opening of a code block and the function's signature, so that the
    model writes the body instead of typing the prompt back): (the chat before it, the lead).
    Any other chat, a raw prompt or token ids: (as given, "")."""
    if isinstance(messages, list) and messages and isinstance(messages[-1], dict) \
            and messages[-1].get("role") == "assistant":
        return messages[:-1], messages[-1]["content"]
    return messages, ""


@dataclass
class SampleParams:
    temperature: float = DEFAULTS.temperature
    top_p: float = 1.0
    top_k: int = 0  # 0: no top-k cut
    repeat_penalty: float = 1.0  # transformers' rule: logits of tokens already in the context, /p if > 0 else *p
    greedy_first: bool = False  # the first of the n candidates is the greedy (argmax) answer
    max_tokens: int = 768
    stop_at_fence: bool = True
    stop_at_line: bool = False  # a one-line answer: stop at the first newline (a cloze of one line)
    fast: bool = True  # batched N-sequence decoding with prompt-lookup drafting
    draft_tokens: int = 16  # most drafts per sequence per step; 0 turns drafting off

    def __post_init__(self):
        if not isinstance(self.temperature, (int, float)) or self.temperature < 0:
            raise UserError(f"temperature must be a number >= 0 (got {self.temperature!r})")
        if not 0 < self.top_p <= 1:
            raise UserError(f"top_p must be in (0, 1] (got {self.top_p!r})")
        if self.top_k < 0 or self.max_tokens < 0 or self.draft_tokens < 0:
            raise UserError("top_k, max_tokens and draft_tokens must be >= 0 "
                            f"(got {self.top_k}, {self.max_tokens}, {self.draft_tokens})")
        if self.repeat_penalty <= 0:
            raise UserError(f"repeat_penalty must be positive (got {self.repeat_penalty!r})")


@dataclass
class Completion:
    text: str
    n_tokens: int
    seconds: float
    finish: str  # "stop" (end of turn), "fence" (code block closed), "line" (stop_at_line), "length"
    prompt_tokens: int = 0
    drafted: int = 0  # prompt-lookup tokens proposed (fast path)
    accepted: int = 0  # ... and accepted
    index: int = 0  # which of the n it is (completions arrive in the order they finish)
    ask: int = 0  # which prompt it answers, in ``sample_many``


@dataclass
class Branch:
    """A place in a line where the model would write another token than the one written:
    where a one-token bug (``//`` for ``%``, ``2`` for ``1``) shows, since the model, asked
    for the line afresh, gives the token written a low probability."""

    item: int  # which of the scored (prompt, line) pairs
    prompt: list[int]  # token ids: the prompt, the line up to the branch, the model's token
    head: str  # the line's text up to and including the model's token
    surprise: float  # log p(the model's token) - log p(the token written), in nats


class Generator(Protocol):
    """Swappable: the llama.cpp engine, transformers on a GPU, or a scripted generator in
    unit tests. A generator may also offer ``sample_many(asks)`` to batch several prompts.
    ``messages`` may also be a plain string: a raw prompt given to the model as is (no chat
    template), e.g. a fill-in-the-middle prompt, or a list of token ids. A chat may end with an
    assistant message (``split_lead``): the model continues it, and each completion's text
    starts with it, so that it is the whole answer. Optional:
    ``fim_tokens()`` (its fill-in-the-middle markers) and ``line_branches(prompts, lines, k)``
    (the k most surprising ``Branch`` es of the lines as written after their prompts)."""

    def sample(self, messages: list[Message], n: int, params: SampleParams, seed: int) -> Iterator[Completion]:
        """Yield n completions, each as soon as it is finished."""
        ...


class Verifier(Protocol):
    def score(self, problem: str, answers: list[str]) -> list[float]:
        """One score per answer, higher meaning more likely correct; seen beside the problem only."""
        ...


@dataclass
class Evaluation:
    """What running one answer against the tests the model may see found."""

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
    # fix: the whole module with the answer spliced in, and its test run (bench: the public run)
    source: str | None = None
    run: RunResult | None = None
    # fix: the answer's code normalised (whitespace, comments), to tell repeats of shown code
    key: str | None = None
    # bench: whether the hidden tests passed too (never shown to the model or the verifier)
    private_passed: bool | None = None
    # What the code returned on probe inputs (probes.py), for answers that pass; selection
    # prefers the behaviour most candidates share. None: not probed.
    behaviour: tuple[str, ...] | None = None
    # bench: how many of the prompt's own examples (expected values shown, beyond the public
    # test) a passing answer satisfies: a selection signal, never a stop rule or feedback.
    examples: int = 0


class Environment(Protocol):
    """One problem: fix's module and tests, a benchmark task, a training rollout.

    Optional extensions the search looks for: ``rewrite_messages()`` (a second way to ask,
    used for ``SearchConfig.rewrite`` of the candidates), ``cloze_prompts(fim, limit)`` and
    ``cloze_answer(tag, text)`` (one-line fill-in-the-middle proposals, ``SearchConfig.cloze``;
    with ``cloze_line(tag)``, the line as written, for ``SearchConfig.branches``),
    ``next_messages(messages, answer, evaluation)`` (the environment shapes later turns itself)
    and ``dedups_runs = True`` (it caches test runs itself, so the search must ask it about
    every answer).
    """

    @property
    def problem(self) -> str:
        """The initial problem text: what the verifier sees beside an answer."""
        ...

    def initial_messages(self) -> list[Message]: ...

    def evaluate(self, answer: str) -> Evaluation:
        """Run an answer against the visible tests (in the sandbox)."""
        ...

    def feedback_message(self, evaluation: Evaluation) -> str: ...


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
    strategy: str = "sample"  # how it was asked for: "sample", "greedy", "rewrite" or "cloze"


class Executor(Protocol):
    """Runs tests against a copy of a project's files: ``sandbox.Sandbox`` is the one real
    implementation (candidate code is hostile); fix, bench and training take any executor."""

    python: Interpreter | None  # the project's own interpreter, or None for ours

    def run_pytest(
        self, project: Path | None, files: dict[str, str], test_paths: list[str],
        import_roots: list[str] | None = None, extra_args: list[str] | None = None, only: list[str] | None = None,
        plugins: bool = True, trace: list[str] | None = None,
    ) -> RunResult: ...
