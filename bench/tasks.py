"""Benchmark problems and the environment the search loop sees for them.

A benchmark is one small module with a ``load(...) -> list[BenchTask]``; everything else
(prompting, sandboxed execution, public/private split) is shared here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from mucode_cli.answers import extract_code
from mucode_cli.feedback import format_feedback
from mucode_cli.sandbox import RunResult, Sandbox
from mucode_cli.search import Evaluation

PUBLIC_FILE = "test_public.py"
PRIVATE_FILE = "test_private.py"
SOLUTION = "solution.py"


@dataclass
class BenchTask:
    task_id: str
    prompt: str  # what the model is asked to implement
    public_tests: list[str]  # assert statements the model sees and gets feedback from
    private_tests: list[str]  # hidden: used only for scoring
    entry_point: str = ""
    setup_code: str = ""
    private_program: str = ""  # a whole test program instead of asserts (HumanEval's check)
    notes: list[str] = field(default_factory=list)


class Benchmark(Protocol):
    name: str
    description: str

    def load(self, data: str | None, split: str) -> list[BenchTask]: ...


def task_prompt(task: BenchTask) -> str:
    """The paper's turn-1 prompt (METHOD.md §2), no system prompt."""
    tests = "\n".join(task.public_tests)
    return (
        "Write a Python function implementation for the following prompt:\n\n"
        f"{task.prompt.strip()}\n\n"
        f"Your code should satisfy these tests:\n\n{tests}\n\n"
        "Return only the implementation code, no tests or explanations. "
        "Be sure to include the relevant import statements:\n```python\n```"
    )


def _assert_tests(asserts: list[str], setup: str) -> str:
    lines = [f"from {SOLUTION[:-3]} import *", setup.strip(), ""]
    for i, a in enumerate(asserts):
        body = "\n".join("    " + line for line in a.strip().splitlines())
        lines.append(f"def test_{i}():\n{body}\n")
    return "\n".join(lines)


def test_files(task: BenchTask) -> dict[str, str]:
    files = {PUBLIC_FILE: _assert_tests(task.public_tests, task.setup_code)}
    if task.private_program:
        files[PRIVATE_FILE] = (f"from {SOLUTION[:-3]} import *\n{task.setup_code}\n{task.private_program}\n\n"
                               f"def test_check():\n    check({task.entry_point})\n")
    else:
        files[PRIVATE_FILE] = _assert_tests(task.private_tests, task.setup_code)
    return files


def split_outcomes(result: RunResult) -> tuple[RunResult, RunResult]:
    """One sandbox run holds both files; the model only ever sees the public part."""
    def part(prefix: str) -> RunResult:
        tests = [t for t in result.tests if t.name.startswith(prefix)]
        collect = [] if tests else result.collect_errors
        ok = bool(tests) and all(t.ok for t in tests) and not result.timed_out and not collect
        return RunResult(tests=tests, passed=ok, exit_code=result.exit_code, timed_out=result.timed_out,
                         seconds=result.seconds, output="", collect_errors=collect,
                         isolation=result.isolation, timeout=result.timeout)

    public, private = part(PUBLIC_FILE), part(PRIVATE_FILE)
    if result.collect_errors:  # an import error in the solution breaks both files
        public.collect_errors = private.collect_errors = result.collect_errors
        public.passed = private.passed = False
    return public, private


class BenchEnvironment:
    """One benchmark problem as the search loop sees it."""

    def __init__(self, task: BenchTask, sandbox: Sandbox):
        self.task = task
        self.sandbox = sandbox
        self._problem = task_prompt(task)
        self._files = test_files(task)

    @property
    def problem(self) -> str:
        return self._problem

    def initial_messages(self) -> list[dict]:
        return [{"role": "user", "content": self._problem}]

    def evaluate(self, answer: str) -> Evaluation:
        code = extract_code(answer)
        if not code.strip():
            return Evaluation(False, False, reason="the answer has no code")
        # Public and private tests run in one sandbox run (one pytest start); only the
        # public outcome feeds selection and feedback.
        run = self.sandbox.run_pytest(None, {SOLUTION: code, **self._files}, [PUBLIC_FILE, PRIVATE_FILE])
        public, private = split_outcomes(run)
        if not self.task.public_tests:  # nothing visible to fail: the code only has to import
            public.passed = not run.collect_errors and not run.timed_out
        return Evaluation(
            valid=True, passed=public.passed, n_passed=public.n_passed, n_total=public.n_total,
            feedback=format_feedback(public), code=code, outcomes={t.name: t.ok for t in public.tests},
            seconds=run.seconds, extra={"private_passed": private.passed},
        )

    def feedback_message(self, ev: Evaluation) -> str:
        if not ev.valid:
            return f"Feedback: {ev.reason}. Return the implementation in a ```python block."
        return f"Feedback:\n{ev.feedback}"
