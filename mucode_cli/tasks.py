"""Programming problems (prompt, public and private tests) and the environment the search
loop sees for them: what ``mucode bench`` evaluates and ``mucode train`` rolls out on.

Each benchmark under ``bench/`` is one small module with a ``load(...) -> list[BenchTask]``;
prompting, sandboxed execution and the public/private split are here, in the core, so the
trainer does not depend on the benchmarks package.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .answers import extract_code, without_checks
from .feedback import compact_feedback, format_feedback
from .probes import PROBE_FILE, behaviour, called_function, checks_passed, probe_calls, probe_file
from .sandbox import RunResult
from .core import Evaluation, Executor

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
    # Possible public tests, most preferred first, with where each came from; the first that the
    # reference solution passes becomes the public test (check_public_tests).
    public_candidates: list[tuple[str, str]] = field(default_factory=list)
    reference: str = ""  # a known-good solution, to check the public test against
    examples: list[str] = field(default_factory=list)  # asserts the prompt shows (docstring examples)
    # The prompt's examples other than the public test, which selection checks passing answers
    # against; check_public_tests keeps those the reference satisfies (as for the public test).
    example_checks: list[str] = field(default_factory=list)
    stub: str = ""  # code the answer must start with (HumanEval's imports, signature and docstring)


def task_prompt(task: BenchTask, failure: str = "") -> str:
    """The paper's turn-1 prompt (METHOD.md §2), no system prompt. With ``failure``, the
    rewrite prompt of later turns: the same task and what an earlier answer got wrong, but
    not its code, which a small model shown it mostly types back."""
    tests = "\n".join(task.public_tests)
    wrong = (f"An earlier implementation was wrong:\n```\n{failure.strip()}\n```\n"
             "Write a correct implementation from scratch. ") if failure else ""
    return (
        "Write a Python function implementation for the following prompt:\n\n"
        f"{task.prompt.strip()}\n\n"
        f"Your code should satisfy these tests:\n\n{tests}\n\n"
        f"{wrong}Return only the implementation code, no tests or explanations. "
        "Be sure to include the relevant import statements:\n```python\n```"
    )


def _import_solution(setup: str) -> str:
    # `from solution import *` also brings a solution's own function named test_* (MBPP/19's
    # test_duplicate) into the test module, where pytest would collect it as a failing test.
    mod = SOLUTION[:-3]
    return (f"from {mod} import *\nimport {mod} as _solution_module\n"
            "for _name in dir(_solution_module):\n"
            "    if _name.lower().startswith('test'):\n"
            "        try:\n"
            "            getattr(_solution_module, _name).__test__ = False\n"
            "        except (AttributeError, TypeError):\n"
            "            pass\n"
            f"{setup.strip()}\n")


def _assert_tests(asserts: list[str], setup: str) -> str:
    lines = [_import_solution(setup)]
    for i, a in enumerate(asserts):
        body = "\n".join("    " + line for line in a.strip().splitlines())
        lines.append(f"def test_{i}():\n{body}\n")
    return "\n".join(lines)


def test_files(task: BenchTask) -> dict[str, str]:
    files = {PUBLIC_FILE: _assert_tests(task.public_tests, task.setup_code)}
    if task.private_program:
        files[PRIVATE_FILE] = (f"{_import_solution(task.setup_code)}{task.private_program}\n\n"
                               f"def test_check():\n    check({task.entry_point})\n")
    else:
        files[PRIVATE_FILE] = _assert_tests(task.private_tests, task.setup_code)
    return files


def split_outcomes(result: RunResult) -> tuple[RunResult, RunResult]:
    """One sandbox run holds both files (one pytest start); each part is judged on its own
    tests and its own collection errors only, so that nothing of the private tests (an
    error text, a timeout) shows through in the public part the model sees."""
    def part(name: str) -> RunResult:
        tests = [t for t in result.tests if t.name.startswith(name + "::")]
        ids = result.collect_error_ids or [""] * len(result.collect_errors)
        collect = [e for e, i in zip(result.collect_errors, ids) if i.startswith(name) or not i and name in e]
        ok = bool(tests) and all(t.ok for t in tests) and not collect
        return RunResult(tests=tests, passed=ok, exit_code=result.exit_code,
                         timed_out=any(t.outcome == "timeout" for t in tests),
                         seconds=result.seconds, output="", collect_errors=collect,
                         isolation=result.isolation, timeout=result.timeout)

    return part(PUBLIC_FILE), part(PRIVATE_FILE)


def check_public_tests(tasks: list[BenchTask], sandbox: Executor, workers: int = 2) -> None:
    """Make each task's public test the first candidate its reference solution passes (a
    docstring example can be wrong: HumanEval/47's second is), or none, and note which."""
    from concurrent.futures import ThreadPoolExecutor

    def one(task: BenchTask) -> None:
        if not task.reference or not task.public_candidates:
            return
        asserts = [a for a, _ in task.public_candidates]
        run = sandbox.run_pytest(None, {SOLUTION: task.reference, PUBLIC_FILE: _assert_tests(asserts, task.setup_code)},
                                 [PUBLIC_FILE], plugins=False)
        ok = {t.name for t in run.tests if t.ok}
        good = [i for i in range(len(asserts)) if f"{PUBLIC_FILE}::test_{i}" in ok]
        task.example_checks = list(dict.fromkeys(asserts[i] for i in good[1:]
                                                 if asserts[i] in task.examples and asserts[i] != asserts[good[0]]))
        if good:
            task.public_tests = [asserts[good[0]]]
            source = task.public_candidates[good[0]][1]
            # good[0] candidates were preferred to it and the reference fails them.
            note = f"public test: {source}" + (f" ({good[0]} preferred one(s) fail the reference)" if good[0] else "")
        else:
            task.public_tests = []
            note = "no public test: the reference passes none of the candidates"
        task.notes = [n for n in task.notes if not n.startswith(("public test:", "no public test"))] + [note]

    with ThreadPoolExecutor(max(1, workers)) as pool:
        list(pool.map(one, tasks))


class BenchEnvironment:
    """One benchmark problem as the search loop sees it."""

    def __init__(self, task: BenchTask, sandbox: Executor, lead: bool = False):
        self.task = task
        self.sandbox = sandbox
        # With ``lead``, the answer is begun for the model (core.split_lead): a python block and
        # the task's stub, so it writes the body instead of typing the signature and docstring
        # back (half of a HumanEval answer's characters), and cannot answer in prose. It ends
        # with the newline, as the tokenizer would have it ('"""\n' is one token).
        # A task without a stub (MBPP: prose) gets no lead.
        self._lead = [{"role": "assistant", "content": "```python\n" + task.stub.rstrip() + "\n"}] \
            if lead and task.stub.strip() else []
        self._problem = task_prompt(task)
        self._files = test_files(task)
        name = task.entry_point or called_function(task.public_tests)
        # Only inputs the model can see (the public test's, the prompt's examples) and ones
        # near them: never a hidden test's.
        self._probes = probe_calls(name, task.public_tests, task.examples) if name else []
        # The prompt's examples with their expected values, beyond the public test: an answer
        # that passes is checked against them too (a selection signal only; the search still
        # stops on the public test, as the paper's protocol has it).
        self._checks = task.example_checks
        self._last: Evaluation | None = None  # the latest chosen answer's, for the rewrite prompt

    @property
    def problem(self) -> str:
        return self._problem

    def initial_messages(self) -> list[dict]:
        return [{"role": "user", "content": self._problem}, *self._lead]

    def evaluate(self, answer: str) -> Evaluation:
        # An answer's own checks after the function are not part of the implementation: one that
        # fails (often with a wrong expected value) would stop the import before any test runs.
        code = without_checks(extract_code(answer))
        if not code.strip():
            return Evaluation(False, False, reason="the answer has no code")
        # Public and private tests run in one sandbox run (one pytest start); only the
        # public outcome feeds selection and feedback. Plain asserts of ours: no installed
        # pytest plugin is needed, and importing them would double the run's time.
        # A collection error in one file must not stop the other's tests from running.
        run = self.sandbox.run_pytest(None, {SOLUTION: code, **self._files}, [PUBLIC_FILE, PRIVATE_FILE],
                                      extra_args=["--continue-on-collection-errors"], plugins=False).against(None)
        public, private = split_outcomes(run)  # benchmark tests never skip: a skip is the code's doing
        if not self.task.public_tests:  # nothing visible to fail: the code only has to import
            public.passed = not public.collect_errors and (bool(run.tests) or not run.timed_out)
        probed, examples, seconds = None, 0, run.seconds
        if public.passed and (self._probes or self._checks):
            # A run of its own: a probe that hangs must not cost the answer its tests.
            probes = self.sandbox.run_pytest(None, {SOLUTION: code, PROBE_FILE: probe_file(
                SOLUTION[:-3], self._probes, self.task.setup_code, self._checks)}, [PROBE_FILE], plugins=False)
            probed = behaviour(probes.tests, len(self._probes)) if self._probes else None
            examples, seconds = checks_passed(probes.tests), seconds + probes.seconds
        return Evaluation(
            valid=True, passed=public.passed, n_passed=public.n_passed, n_total=public.n_total,
            feedback=format_feedback(public), code=code, outcomes={t.name: t.ok for t in public.tests},
            seconds=seconds, private_passed=private.passed, behaviour=probed, run=public, examples=examples,
        )

    def rewrite_messages(self) -> list[dict]:
        """Another way to ask in later turns (``SearchConfig.rewrite_later``): the task afresh
        with what the last chosen answer got wrong. Before any feedback: the turn-1 prompt."""
        ev, failure = self._last, ""
        if ev is not None:  # a valid evaluation of ours carries its public run
            failure = compact_feedback(ev.run, max_tests=2, per_test=400) if ev.valid else \
                f"It could not be used: {ev.reason}."
        return [{"role": "user", "content": task_prompt(self.task, failure)}, *self._lead]

    def feedback_message(self, ev: Evaluation) -> str:
        self._last = ev
        if not ev.valid:
            return f"Feedback: {ev.reason}. Return the implementation in a ```python block."
        return f"Feedback:\n{ev.feedback}"
