"""The one place candidate code runs: pytest on a temp copy, isolated and limited.

Every run gets a fresh copy of the project folder with the candidate's files written over
it, its own session (process group), stdin closed, HOME/TMPDIR inside the copy, rlimits,
a wall-clock timeout enforced with SIGKILL of the whole group, and stdout/stderr spilled
to files (a pipe could fill and deadlock). Per-test results come from a pytest plugin that
streams JSON lines, never from scraping the terminal.

The verdict. Those lines are signed with a per-run key (see ``_pytest_results``), a run
passes only if pytest itself exits 0 after a signed "finish" with status 0, every collected
test has a signed report and none failed; a test that ran with the original code and is
skipped with a candidate counts as failed (``RunResult.against``). What code under test can
still fake, since it runs in pytest's process: it can find the registered plugin through
pytest's plugin manager or the garbage collector and call its hooks with made-up reports,
or patch pytest itself. Writing to the results file, importing the plugin by name, exiting
early and skipping tests no longer pass. Nothing in one process can stop a determined
forger; running each test in a second, untouched process would.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UserError

if TYPE_CHECKING:
    from .project import Interpreter

_HERE = Path(__file__).resolve().parent
_PLUGIN_MODULE = "_pytest_results"
_IGNORE = shutil.ignore_patterns(
    ".git", ".hg", ".svn", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
    ".venv", "venv", "node_modules", ".tox", ".nox", "*.pyc", "*.mucode-backup*",
    # A project whose root holds the temp folder (files kept in /tmp) would copy its own copy.
    "mucode-sandbox-*",
)
_NOBODY = (65534, 65534)
_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()
_KEEP_OUTPUT = 16_000
# What differs between two runs of the same code: the run's folder, object addresses.
_RUN_SPECIFIC = re.compile(r"\S*mucode-sandbox-[^/\s]*|0x[0-9a-f]{6,}")
# Runs at once in this process. Beyond one per core, runs slow each other down until their
# wall-clock timeouts fire and passing code is labelled a failure (training labels, scores):
# extra runs wait here, before their clock starts.
_SLOTS = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))


@dataclass
class SandboxLimits:
    timeout: float = 30.0
    memory_mb: int = 2048
    max_procs: int = 64
    max_file_mb: int = 64
    isolate: bool = True

    def __post_init__(self):
        if not self.timeout > 0:
            raise UserError(f"timeout must be positive (got {self.timeout!r})")
        if self.memory_mb < 1 or self.max_procs < 1 or self.max_file_mb < 1:
            raise UserError("memory, process and file-size limits must be positive")

    @property
    def cpu_seconds(self) -> int:
        return int(self.timeout) + 5


@dataclass
class TestOutcome:
    name: str
    outcome: str  # passed | failed | error | skipped | timeout | not run
    message: str = ""
    captured: str = ""
    assumed: bool = False  # not run this time: the outcome of the run before (see RunResult.merged)

    @property
    def ok(self) -> bool:
        return self.outcome in ("passed", "skipped")


@dataclass
class RunResult:
    tests: list[TestOutcome]
    passed: bool
    exit_code: int | None
    timed_out: bool
    seconds: float
    output: str = ""
    collect_errors: list[str] = field(default_factory=list)
    collect_error_ids: list[str] = field(default_factory=list)  # the node (file) of each collect error
    isolation: str = ""
    timeout: float = 0.0
    # A traced run (``run_pytest(trace=...)``): per test, the first lines of the traced file's
    # functions it called, and the lines it ran (None where another tracer, e.g. coverage, held
    # the trace hook).
    reach: dict[str, tuple[frozenset[int], frozenset[int] | None]] = field(default_factory=dict)

    @property
    def n_passed(self) -> int:
        return sum(t.ok for t in self.tests)

    @property
    def n_total(self) -> int:
        return len(self.tests)

    @property
    def n_run(self) -> int:
        return sum(not t.assumed for t in self.tests)

    def merged(self, before: "RunResult") -> "RunResult":
        """This run of some tests, completed with ``before``'s outcomes for the tests it did
        not run (marked ``assumed``). Never ``passed``: only a full run can say that."""
        mine = {t.name: t for t in self.tests}
        tests = [mine.pop(t.name, None) or replace(t, assumed=True) for t in before.tests]
        return replace(self, tests=tests + list(mine.values()), passed=False)

    def against(self, baseline: "RunResult | None", expected: list[str] | None = None) -> "RunResult":
        """This run of candidate code, judged against a run of the original: a test that ran
        there and is skipped here failed (without a baseline, every skip fails), and one that
        the original collected (of ``expected``, default all) and this run did not was not run.
        Code under test can call ``pytest.skip()`` or empty a list a test is parametrized
        with; it must not pass by either."""
        ran = None if baseline is None else {t.name for t in baseline.tests if t.outcome != "skipped"}
        tests, changed = [], False
        for t in self.tests:
            if t.outcome == "skipped" and (ran is None or t.name in ran):
                t = replace(t, outcome="failed", message="skipped with this code, though the test ran with the "
                                                          f"original: {t.message}".rstrip(": "))
                changed = True
            tests.append(t)
        if baseline is not None:
            have = {t.name for t in self.tests}
            for name in expected if expected is not None else [t.name for t in baseline.tests]:
                if name not in have:
                    tests.append(TestOutcome(name, "not run", "not collected with this code, though it was with "
                                                              "the original"))
                    changed = True
        if not changed:
            return self
        return replace(self, tests=tests, passed=False)

    def same_as(self, other: "RunResult") -> bool:
        """Whether two runs of the same code report the same thing, test by test and message
        by message (the sandbox folder's name and object addresses aside). ``fix`` runs the
        original once more without autoloaded pytest plugins: the same report, and candidates
        run without them.
        A test that needs a plugin's fixture errors instead of failing on the bug: not the
        same, so any doubt keeps the plugins."""
        def report(r: RunResult) -> tuple:
            return (r.passed, r.exit_code, r.timed_out, [_RUN_SPECIFIC.sub("", e) for e in r.collect_errors],
                    [(t.name, t.outcome, _RUN_SPECIFIC.sub("", t.message)) for t in r.tests])
        return not self.timed_out and report(self) == report(other)


def _copy_project(src: Path | None, dst: Path, files: dict[str, str]) -> None:
    if src is not None:
        shutil.copytree(src, dst, ignore=_IGNORE, symlinks=True)
    else:
        dst.mkdir()
    for rel, content in files.items():
        target = (dst / rel).resolve()
        if not str(target).startswith(str(dst.resolve()) + os.sep):
            raise ValueError(f"file outside the sandbox: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


def _chown_tree(root: Path, uid: int, gid: int) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        os.lchown(dirpath, uid, gid)
        for name in dirnames + filenames:
            os.lchown(os.path.join(dirpath, name), uid, gid)


def _read_tail(path: Path, limit: int) -> str:
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            if size > limit:
                head = f.read(limit // 4)
                f.seek(size - (limit - limit // 4))
                tail = f.read()
                data = head + f"\n… [{size - limit} bytes cut] …\n".encode() + tail
            else:
                data = f.read()
        return data.decode("utf-8", "replace")
    except OSError:
        return ""


def _signed_events(path: Path, key: bytes):
    """The plugin's events, in order: lines whose signature checks out and whose sequence
    number is the next one. Anything else in the file (junk or forgeries by the code under
    test, which can open it) is skipped; a missing number ends the stream, so events cannot
    be dropped or reordered either."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    expected = 0
    for line in lines:
        mac, _, rest = line.partition(" ")
        seq, _, body = rest.partition(" ")
        if seq != str(expected):
            continue
        good = hmac.new(key, f"{seq} {body}".encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(mac, good):
            continue
        try:
            ev = json.loads(body)
        except json.JSONDecodeError:
            continue
        expected += 1
        if isinstance(ev, dict):
            yield ev


def _parse_results(path: Path, key: bytes, timed_out: bool, timeout: float
                   ) -> tuple[list[TestOutcome], list[tuple[str, str]], int | None, dict]:
    collected: list[str] = []
    sets: dict[int, frozenset[int]] = {}
    reach: dict[str, tuple[frozenset[int], frozenset[int] | None]] = {}
    reports: dict[str, TestOutcome] = {}
    started: list[str] = []
    collect_errors: list[tuple[str, str]] = []
    exitstatus = None
    for ev in _signed_events(path, key):
        kind = ev.get("event")
        if kind == "collected":
            collected = [str(n) for n in ev.get("nodeids", [])]
        elif kind == "collect_error":
            collect_errors.append((str(ev.get("nodeid", "")), str(ev.get("message", ""))))
        elif kind == "start":
            started.append(str(ev.get("nodeid")))
        elif kind == "report":
            name = str(ev.get("nodeid"))
            prev = reports.get(name)
            # A teardown error after a passing call still makes the test an error.
            if prev is None or prev.ok:
                reports[name] = TestOutcome(name, str(ev.get("outcome")), str(ev.get("message", "")),
                                            str(ev.get("captured", "")))
        elif kind == "finish":
            exitstatus = int(ev.get("exitstatus", 1))
        elif kind == "set":
            sets[int(ev.get("id", -1))] = frozenset(int(x) for x in ev.get("items", []))
        elif kind == "reach":
            lines = ev.get("lines")
            reach[str(ev.get("nodeid"))] = (sets.get(ev.get("calls"), frozenset()),
                                             None if lines is None else sets.get(lines, frozenset()))
    tests = []
    for name in collected:
        if name in reports:
            tests.append(reports[name])
        elif timed_out and started and started[-1] == name:
            tests.append(TestOutcome(name, "timeout", f"timed out after {timeout:g} s"))
        elif name in started:
            tests.append(TestOutcome(name, "error", "the test process died while this test ran"))
        else:
            tests.append(TestOutcome(name, "not run"))
    return tests, collect_errors, exitstatus, reach


class Sandbox:
    """Runs pytest against candidate files. Thread-safe: each run has its own folder."""

    def __init__(self, limits: SandboxLimits | None = None, python: Interpreter | None = None):
        self.limits = limits or SandboxLimits()
        self.python = python  # the user's interpreter (project.find_interpreter); None: ours
        self.last_isolation = ""

    def run_pytest(
        self,
        project: Path | None,
        files: dict[str, str],
        test_paths: list[str],
        import_roots: list[str] | None = None,
        extra_args: list[str] | None = None,
        only: list[str] | None = None,
        plugins: bool = True,
        trace: list[str] | None = None,
    ) -> RunResult:
        """Copy ``project`` (may be None), write ``files`` over it, run pytest on ``test_paths``.

        ``import_roots`` (folders of the copy, e.g. ``src``) go first on the import path, ahead
        of any editable install of the same project that would import the user's originals.
        ``only``: run just these node ids (as an earlier run of the same paths reported them).
        ``plugins=False``: pytest does not load the installed plugins it would find by entry
        point (hypothesis, anyio, pytest-benchmark... take a second or more per run to import);
        plugins named with ``-p`` or in a conftest still load. For tests known not to need them
        (``RunResult.same_as`` tells). ``trace``: files of the copy whose functions and lines
        each test runs are recorded (``RunResult.reach``)."""
        lim = self.limits
        root = Path(tempfile.mkdtemp(prefix="mucode-sandbox-"))
        try:
            key = secrets.token_bytes(32)
            _stage(root, project, files, key, only)
            if trace:
                (root / "out" / "trace.json").write_text(json.dumps([str(root / "work" / t) for t in trace]))
            drop = None
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                # Root ignores RLIMIT_NPROC and can write anywhere: run as nobody instead.
                drop = _NOBODY
                _chown_tree(root, *drop)
                os.chown(root, 0, 0)
                os.chmod(root, 0o755)
            argv = [
                self.python.executable if self.python else sys.executable, "-m", "pytest", "-p", _PLUGIN_MODULE,
                "-p", "no:cacheprovider", "--tb=short", "-q", "--color=no", "-W", "ignore::pytest.PytestConfigWarning",
                *(extra_args or []), "--", *test_paths,
            ]
            cfg = {
                "cwd": str(root / "work"), "argv": argv, "env": _environment(root, import_roots, only, plugins, bool(trace)),
                "drop_to": drop, "isolate": lim.isolate, "expose": self._exposed(root, project),
                "staging": str(root / "stage"), "keep": [str(root)], "isolation_file": str(root / "isolation.txt"),
                "limits": {"cpu_seconds": lim.cpu_seconds, "memory_mb": lim.memory_mb,
                           "max_file_mb": lim.max_file_mb, "max_procs": lim.max_procs},
            }
            cfg_path = root / "launch.json"
            cfg_path.write_text(json.dumps(cfg))
            os.chmod(cfg_path, 0o600)
            code, timed_out, seconds = _launch(cfg_path, root / "output.log", lim.timeout)
            tests, collect_errors, exitstatus, reach = _parse_results(root / "out" / "results.jsonl", key,
                                                                      timed_out, lim.timeout)
            isolation_file = root / "isolation.txt"
            self.last_isolation = isolation_file.read_text() if isolation_file.exists() else "unknown"
            passed = (
                not timed_out and code == 0 and exitstatus == 0 and not collect_errors
                and len(tests) > 0 and all(t.ok for t in tests)
            )
            return RunResult(tests=tests, passed=passed, exit_code=code, timed_out=timed_out, seconds=seconds,
                             output=_read_tail(root / "output.log", _KEEP_OUTPUT),
                             collect_errors=[m for _, m in collect_errors],
                             collect_error_ids=[i for i, _ in collect_errors],
                             isolation=self.last_isolation, timeout=lim.timeout, reach=reach)
        finally:
            shutil.rmtree(root, ignore_errors=True)

    def _exposed(self, root: Path, project: Path | None) -> list[str]:
        """What the run may see of the machine, read-only: its interpreter and packages."""
        if self.python:
            expose = [str(root), *self.python.expose]
        else:
            expose = [os.path.realpath(sys.executable), sys.prefix, sys.base_prefix, str(root)]
            expose += [p for p in sys.path if p and os.path.isdir(p)]
        if project is not None:
            # The user's own files stay out of reach (the copy is what runs), but not the
            # project's .venv, which holds the interpreter's packages.
            inside = str(project.resolve()) + os.sep
            venv = os.path.abspath(self.python.prefix) + os.sep if self.python else None
            expose = [p for p in expose if not (os.path.abspath(p) + os.sep).startswith(inside)
                      or venv and (os.path.abspath(p) + os.sep).startswith(venv)]
        return expose


def _stage(root: Path, project: Path | None, files: dict[str, str], key: bytes, only: list[str] | None) -> None:
    """The run's folder: the project copy (work), a home, a tmp, the plugin, the results channel."""
    _copy_project(project, root / "work", files)
    for name in ("home", "tmp", "out", "plugin"):
        (root / name).mkdir()
    shutil.copy(_HERE / f"{_PLUGIN_MODULE}.py", root / "plugin" / f"{_PLUGIN_MODULE}.py")
    (root / "out" / "results.jsonl").touch()
    key_file = root / "out" / "key"
    key_file.write_bytes(key)  # the plugin reads and deletes it before tests import anything
    os.chmod(key_file, 0o600)
    if only is not None:
        (root / "out" / "only.json").write_text(json.dumps(list(only)), encoding="utf-8")


def _environment(root: Path, import_roots: list[str] | None, only: list[str] | None,
                 plugins: bool = True, trace: bool = False) -> dict[str, str]:
    """A clean environment: nothing of ours leaks in but PATH and a few BLAS settings."""
    out = root / "out"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root / "home"),
        "TMPDIR": str(root / "tmp"),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONPATH": os.pathsep.join([str(root / "plugin"), *(str(root / "work" / r) for r in import_roots or [])]),
        "MUCODE_RESULTS": str(out / "results.jsonl"),
        "MUCODE_RESULTS_KEY": str(out / "key"),
        **({"MUCODE_ONLY": str(out / "only.json")} if only is not None else {}),
        **({"MUCODE_TRACE": str(out / "trace.json")} if trace else {}),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "NO_COLOR": "1",
        **({} if plugins else {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}),
    }
    for keep in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "SYSTEMROOT"):
        if keep in os.environ:
            env[keep] = os.environ[keep]
    return env


def _launch(cfg_path: Path, log_path: Path, timeout: float) -> tuple[int | None, bool, float]:
    """Start the launcher in its own session, wait at most ``timeout`` (after a free slot),
    then kill its whole process group: (exit code, timed out, seconds)."""
    timed_out = False
    with _SLOTS, open(log_path, "wb") as log:
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-S", "-I", str(_HERE / "_sandbox_launch.py"), str(cfg_path)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, close_fds=True,
        )
        try:
            with _RUNNING_LOCK:
                _RUNNING.add(proc)
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:  # also on Ctrl-C while the run is in flight
            _kill_group(proc)
            with _RUNNING_LOCK:
                _RUNNING.discard(proc)
    return proc.returncode, timed_out, time.monotonic() - start


def runs_in_flight() -> int:
    """Sandboxed processes running now (the model layer yields a core to them)."""
    with _RUNNING_LOCK:
        return len(_RUNNING)


def kill_running() -> None:
    """Kill every sandbox run in flight (Ctrl-C); their folders go in their own cleanup."""
    with _RUNNING_LOCK:
        procs = list(_RUNNING)
    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
