"""``fix`` as a library call: inputs -> search -> report. The CLI only displays it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Generator, Verifier
from .repair import RepairEnvironment, RepairInputs, choose_targets, load_inputs, run_tests
from .sandbox import RunResult, Sandbox
from .search import Evaluation, Search, SearchConfig, SearchObserver, SearchResult
from .splice import unified_diff


@dataclass
class FixReport:
    inputs: RepairInputs
    before: RunResult
    targets: list[str] = field(default_factory=list)
    fixed: bool = False
    after: RunResult | None = None
    new_source: str | None = None
    diff: str = ""
    search: SearchResult | None = None
    seconds: float = 0.0

    @property
    def already_passing(self) -> bool:
        return self.before.passed

    @property
    def discarded(self) -> int:
        return sum(not c.evaluation.valid for c in self.search.candidates) if self.search else 0


def prepare(file: Path, tests: list[Path], sandbox: Sandbox, functions: list[str] | None = None) -> FixReport:
    """Validate the inputs, run the tests once on the original code, pick the targets."""
    inputs = load_inputs(file, tests)
    before = run_tests(inputs, sandbox)
    report = FixReport(inputs=inputs, before=before)
    if not before.passed:
        report.targets = choose_targets(inputs, before, functions)
    return report


def baseline_evaluation(report: FixReport) -> Evaluation:
    b = report.before
    return Evaluation(True, b.passed, b.n_passed, b.n_total, outcomes={t.name: t.ok for t in b.tests})


def run_fix(report: FixReport, generator: Generator, verifier: Verifier, config: SearchConfig,
            sandbox: Sandbox, observer: SearchObserver | None = None) -> FixReport:
    start = time.monotonic()
    env = RepairEnvironment(report.inputs, report.targets, report.before, sandbox)
    if config.params.max_tokens <= 0:
        config.params.max_tokens = env.suggested_max_tokens()
    result = Search(generator, verifier, config, observer).run(env, previous=baseline_evaluation(report))
    report.search = result
    best = result.final
    if best is not None and best.evaluation.valid:
        report.new_source = best.evaluation.extra["source"]
        report.after = best.evaluation.extra["run"]
        report.diff = unified_diff(report.inputs.source, report.new_source, report.inputs.module_rel)
    report.fixed = result.solved
    report.seconds = time.monotonic() - start
    return report
