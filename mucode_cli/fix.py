"""``fix`` as a library call: inputs -> search -> report. The CLI only displays it."""

from __future__ import annotations

import ast
import difflib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from .core import Evaluation, Executor, Generator, SampleParams, Verifier
from .errors import UserError
from .localize import Suspicion, suspicion
from .repair_env import RepairEnvironment
from .repair_style import RepairStyle
from .repair_inputs import RepairInputs, load_inputs, locate_module, run_tests
from .sandbox import RunResult
from .targets import choose_targets
from .records import candidate_record
from .search import Search, SearchConfig, SearchObserver, SearchResult
from .settings import DEFAULTS
from .splice import unified_diff


@dataclass
class FixReport:
    inputs: RepairInputs | None  # None only when no file was named and every test passes
    before: RunResult
    targets: list[str] = field(default_factory=list)
    fixed: bool = False
    after: RunResult | None = None
    new_source: str | None = None
    diff: str = ""
    search: SearchResult | None = None
    seconds: float = 0.0
    problem: str = ""  # the problem text the verifier scored candidates against
    # Test runs made for candidates: of the failing tests only (big suites) and in full.
    test_runs: dict[str, int] = field(default_factory=lambda: {"failing_only": 0, "reaching": 0, "full": 0})
    # Where the time went, in seconds: "load" (the model; set by the caller), "baseline" (the
    # runs of the original), the search's "generation" / "verifier" / "tests_wait" (wall clock
    # waiting on each), "minimize", and "test_seconds" (all candidate runs, which overlap
    # generation).
    timing: dict[str, float] = field(default_factory=dict)
    suspicion: Suspicion | None = None  # the functions and lines the failing tests point at (localize)
    escalated: bool = False  # the cascade handed the later turns to the stronger model

    @property
    def already_passing(self) -> bool:
        return self.before.passed

    @property
    def discarded(self) -> int:
        return sum(not c.evaluation.valid for c in self.search.candidates) if self.search else 0

    def to_json(self, written: Path | bool | None = None, python: dict | None = None) -> dict:
        """``fix --json``: ``written``, the backup of the file if the fix was written (True:
        written without one, since git holds the original)."""
        s = self.search
        after = self.after or self.before
        return {
            "fixed": self.fixed or self.already_passing,
            "already_passing": self.already_passing,
            "file": str(self.inputs.module) if self.inputs else None,
            "root": str(self.inputs.root) if self.inputs else None,
            "import_roots": self.inputs.import_roots if self.inputs else None,
            "tests": self.inputs.tests_rel if self.inputs else None,
            "python": python,
            "targets": self.targets,
            "turns": len(s.turns) if s else 0,
            "escalated": self.escalated,
            "tests_before": {"passed": self.before.n_passed, "total": self.before.n_total},
            "tests_after": {"passed": after.n_passed, "total": after.n_total, "run": after.n_run},
            "test_runs": self.test_runs,
            "diff": self.diff,
            "written": written is not None and written is not False,
            "backup": str(written) if isinstance(written, Path) else None,
            "seconds": round(self.seconds, 3),
            "timing": {k: round(v, 3) for k, v in self.timing.items()},
            "tokens": s.tokens if s else 0,
            "discarded": self.discarded,
            "unchanged": sum(c.evaluation.unchanged for c in s.candidates) if s else 0,
            "candidates": [{**candidate_record(c), "chosen": c.index == t.chosen}
                           for t in (s.turns if s else []) for c in t.candidates],
        }


def prepare(file: Path | None, tests: list[Path], sandbox: Executor, functions: list[str] | None = None,
            root: Path | None = None) -> FixReport:
    """Validate the inputs, run the tests once on the original code, pick the targets.
    ``file``: the module to repair; None: the one the failing tests point at (``locate``).
    ``root``: the project folder (default: found as pytest finds its rootdir)."""
    began = time.monotonic()
    site = list(sandbox.python.site_dirs) if sandbox.python else None
    first = None
    if file is None:
        file, first, root = locate_module(tests, sandbox, root, site)
        if file is None:
            return FixReport(inputs=None, before=first)  # every test passes: nothing to locate
    inputs = load_inputs(file, tests, root, site)
    # Traced: which of the module's functions and lines each test runs decides the targets
    # and which tests a candidate must run.
    before = run_tests(inputs, sandbox, trace=True)
    report = FixReport(inputs=inputs, before=before)
    if not before.passed:
        report.suspicion = suspicion(inputs.source, before)
        report.targets = choose_targets(inputs, before, functions, report.suspicion)
        # Every candidate run would import the installed pytest plugins again (hypothesis
        # alone: a second): one more run of the original tells whether these tests need them.
        inputs.plugins = not before.same_as(run_tests(replace(inputs, plugins=False), sandbox))
    report.timing["baseline"] = time.monotonic() - began
    return report


DEFAULT_CLOZE = 12
DEFAULT_BRANCHES = 8


def default_rewrites(n: int) -> int:
    """Of N candidates, how many write the function afresh (measured: 2 of 5; docs/benchmarks.md)."""
    return 2 if n >= 4 else 1 if n >= 2 else 0


def fix_settings(model: str, n: int = DEFAULTS.n, turns: int = DEFAULTS.turns, *, select: str = DEFAULTS.select,
                 seed: int = DEFAULTS.seed, temperature: float = DEFAULTS.temperature,
                 max_tokens: int = DEFAULTS.max_tokens, fast: bool = True, early_stop: bool = True,
                 variant: dict | None = None) -> tuple[RepairStyle, SearchConfig]:
    """The repair style and search settings that ``fix`` and ``bench repair`` use: the measured
    defaults (the model card's sampling, a greedy candidate first, two rewrites of five, one-line
    cloze proposals where the model disagrees with a token, in turn 1), or
    those of mucode 0.1 with ``variant={"base": "before"}``; then any other ``variant`` keys
    (fields of RepairStyle, SampleParams or SearchConfig) override them."""
    import dataclasses

    from .models import card_sampling

    settings = dict(variant or {})
    base = settings.pop("base", "current")
    if base not in ("current", "before"):
        raise UserError(f"--variant base must be current or before (got {base!r})")
    fixed = {"temperature", "max_tokens", "fast", "n", "turns", "select", "seed", "early_stop", "params"}
    style = dataclasses.asdict(RepairStyle.before() if base == "before" else RepairStyle())
    params: dict = {"temperature": temperature, "max_tokens": max_tokens, "fast": fast}
    search: dict = {}
    if base == "current":
        params.update(card_sampling(model), greedy_first=True)
        search["rewrite"] = default_rewrites(n)
        # One-line fill-in-the-middle proposals for up to 12 lines in turn 1 (models with FIM
        # markers only): on the 60 development cases 34 fixed against 30, none lost, same
        # median time (docs/benchmarks.md, repair benchmark).
        search["cloze"] = DEFAULT_CLOZE
        # Those lines read as written, not rewritten: proposals where the model disagrees
        # with a token (development cases: 53 fixed against 35, none lost, median 23 s
        # against 31 s; docs/benchmarks.md, repair benchmark).
        search["branches"] = DEFAULT_BRANCHES
    fields = {name: {f.name for f in dataclasses.fields(cls)} - fixed for name, cls in
              (("style", RepairStyle), ("params", SampleParams), ("search", SearchConfig))}
    for k, v in settings.items():
        target = style if k in fields["style"] else params if k in fields["params"] else \
            search if k in fields["search"] else None
        if target is None:
            known = sorted(fields["style"] | fields["params"] | fields["search"] | {"base"})
            raise UserError(f"unknown --variant setting {k!r} (known: {', '.join(known)})")
        target[k] = v
    try:
        return RepairStyle(**style), SearchConfig(n=n, turns=turns, select=select, seed=seed, early_stop=early_stop,
                                                  params=SampleParams(**params), **search)
    except (TypeError, ValueError) as e:
        raise UserError(f"bad --variant value: {e}") from None


def baseline_evaluation(report: FixReport) -> Evaluation:
    b = report.before
    return Evaluation(True, b.passed, b.n_passed, b.n_total, outcomes={t.name: t.ok for t in b.tests})


def run_fix(report: FixReport, generator: Generator, verifier: Verifier, config: SearchConfig,
            sandbox: Executor, observer: SearchObserver | None = None, style: RepairStyle | None = None,
            escalate: Callable[[], tuple[Generator, Verifier]] | None = None) -> FixReport:
    """The search on a prepared report. ``escalate``: the cascade, which loads a stronger
    model (and its verifier) only when needed: the given model gets the first turn (its
    one-line proposals and answers, the cheap part), the stronger one the other turns,
    starting afresh from the original code with proposals of its own."""
    start = time.monotonic()
    env = RepairEnvironment(report.inputs, report.targets, report.before, sandbox, style,
                            suspicion=report.suspicion)
    if config.params.max_tokens <= 0:
        config.params.max_tokens = env.suggested_max_tokens()
    cascade = escalate is not None and config.turns > 1
    first = replace(config, turns=1) if cascade else config
    result = Search(generator, verifier, first, observer).run(env, previous=baseline_evaluation(report))
    if cascade and not result.solved:
        began = time.monotonic()
        strong, strong_verifier = escalate()
        report.timing["load"] = report.timing.get("load", 0.0) + time.monotonic() - began
        report.escalated = True
        rest = replace(config, turns=config.turns - 1)
        more = Search(strong, strong_verifier, rest, observer).run(env, previous=baseline_evaluation(report), after=1)
        timing = {k: round(result.timing.get(k, 0) + more.timing.get(k, 0), 3) for k in {*result.timing, *more.timing}}
        result = SearchResult(result.turns + more.turns, more.solved, result.seconds + more.seconds,
                              result.tokens + more.tokens, timing)
    report.search = result
    report.problem = env.problem
    best = result.final
    if best is not None and best.evaluation.valid:
        report.new_source = best.evaluation.source
        report.after = best.evaluation.run
    report.fixed = result.solved
    report.test_runs = {"failing_only": env.test_runs["failing"], "reaching": env.test_runs["reaching"],
                        "full": env.test_runs["full"]}
    report.timing.update(result.timing)
    report.timing["test_seconds"] = env.test_seconds
    if report.fixed and env.style.minimize:
        began = time.monotonic()
        minimize(report, sandbox, env.quick_tests())
        report.timing["minimize"] = time.monotonic() - began
    if report.new_source is not None:
        report.diff = unified_diff(report.inputs.source, report.new_source, report.inputs.module_rel)
    report.seconds = time.monotonic() - start
    return report


MAX_HUNKS = 8


def minimize(report: FixReport, sandbox: Executor, quick: list[str] | None = None) -> None:
    """Undo every part of a passing fix that the tests do not need.

    A small model often fixes the bug and also adds a guard, renames a variable or
    rewrites a line it did not have to. Each changed stretch of lines is put back as it
    was, one at a time, and kept put back if the module still parses and every test still
    passes: the fix that is written is the smallest one found, and only tested code is.
    """
    original = report.inputs.source.splitlines(keepends=True)
    current = report.new_source.splitlines(keepends=True)
    hunks = [op for op in difflib.SequenceMatcher(None, original, current, autojunk=False).get_opcodes()
             if op[0] != "equal"]
    if len(hunks) < 2 or len(hunks) > MAX_HUNKS:
        return
    kept = list(hunks)
    passing = (report.new_source, report.after)
    for hunk in hunks:
        trial = [h for h in kept if h is not hunk]
        source = _apply(original, current, trial)
        try:
            ast.parse(source)
        except SyntaxError:
            continue
        # ``quick``: the tests that reach the changed code, where a big suite has many that
        # do not; the smallest passing fix then gets one full run before it is kept.
        run = run_tests(report.inputs, sandbox, source, only=quick).against(report.before, expected=quick)
        report.test_runs["reaching" if quick else "full"] += 1
        if run.passed:
            kept, report.new_source, report.after = trial, source, run
    if quick and report.new_source != passing[0]:
        run = run_tests(report.inputs, sandbox, report.new_source).against(report.before)
        report.test_runs["full"] += 1
        report.new_source, report.after = (report.new_source, run) if run.passed else passing


def _apply(original: list[str], new: list[str], hunks: list[tuple]) -> str:
    """The original with only these (tag, i1, i2, j1, j2) hunks of the new text applied."""
    out, pos = [], 0
    for _, i1, i2, j1, j2 in sorted(hunks, key=lambda h: h[1]):
        out += original[pos:i1] + new[j1:j2]
        pos = i2
    return "".join(out + original[pos:])
