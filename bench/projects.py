"""Real projects: ``mucode fix`` on bugs in real PyPI projects, where their users keep them.

Each bug is a small, reviewable edit of a project's released source (``project_bugs.toml``:
the exact text it replaces and the text it puts there), of the kinds real commits fix. A
project gets its own virtualenv with its test dependencies and itself installed *editable*
(how its developers work); its sdist is downloaded once and kept in the cache. Before a
project's cases run, its own pytest (outside any sandbox) must pass on the original, and
fail once each bug is in. Then the ordinary ``mucode fix FILE --tests … --yes --json`` runs
from the project's root with its venv activated, as a user would run it, and afterwards the
project's own pytest says whether the written file really passes: a "fixed" it does not
confirm is a *false claim* (there must be none). Test files are checked to be untouched.

A catalog project may also name a local ``path`` instead of a PyPI release (the tests use
that: no network).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from mucode_cli.errors import UserError

from .runner import percentile

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CATALOG = Path(__file__).with_name("project_bugs.toml")
SPLITS = ("dev", "test")
# The phases of a case's time, as ``fix --json`` reports them (``timing``).
PHASES = ("load", "baseline", "generation", "verifier", "tests_wait", "minimize")


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    shape: str  # what kind of project it is (layout, test style, plugins)
    tests: tuple[str, ...]  # what ``--tests`` gets, relative to the project root
    # Installed into the project's own venv with the project (editable). None: no venv, the
    # harness's own Python runs it (a local test project with nothing to install).
    deps: tuple[str, ...] | None = ("pytest",)
    backend: tuple[str, ...] = ("setuptools", "wheel")  # to install editable without build isolation
    path: str = ""  # a local source tree instead of the PyPI sdist (relative to the catalog)

    @property
    def key(self) -> str:
        return f"{self.name}-{self.version}"


@dataclass(frozen=True)
class Bug:
    id: str  # "project/short-name"
    project: str
    split: str  # dev (tuned on) or test (only reported)
    file: str  # the file the bug is in, relative to the project root
    kind: str
    description: str
    old: str  # the released text, exactly once in the file
    new: str  # what the bug puts there
    tests: tuple[str, ...] = ()  # default: the project's


@dataclass
class Catalog:
    projects: dict[str, Project]
    bugs: list[Bug]
    root: Path  # the folder the catalog's relative paths are read from


def load_catalog(path: Path = CATALOG) -> Catalog:
    """The projects and bugs of a catalog file, checked (a UserError names what is wrong)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"bug catalog not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"cannot read the bug catalog {path}: {e}") from None
    projects: dict[str, Project] = {}
    try:
        for p in data.get("project", []):
            p = {k: tuple(v) if isinstance(v, list) else v for k, v in p.items()}
            if p.get("deps") == "none":
                p["deps"] = None
            proj = Project(**p)
            if proj.name in projects:
                raise UserError(f"{path}: project {proj.name!r} twice")
            projects[proj.name] = proj
        bugs = [Bug(**{k: tuple(v) if isinstance(v, list) else v for k, v in b.items()}) for b in data.get("bug", [])]
    except TypeError as e:
        raise UserError(f"{path}: {e}") from None
    seen: set[str] = set()
    for b in bugs:
        if b.id in seen:
            raise UserError(f"{path}: bug {b.id!r} twice")
        seen.add(b.id)
        if b.project not in projects:
            raise UserError(f"{path}: bug {b.id!r} names an unknown project {b.project!r}")
        if b.split not in SPLITS:
            raise UserError(f"{path}: bug {b.id!r} has split {b.split!r} (dev or test)")
        if b.old == b.new:
            raise UserError(f"{path}: bug {b.id!r} changes nothing")
    return Catalog(projects, bugs, path.parent)


def select_bugs(catalog: Catalog, split: str = "test", projects: list[str] | None = None,
                ids: list[str] | None = None) -> list[Bug]:
    if split not in (*SPLITS, "all"):
        raise UserError(f"--split for projects must be dev, test or all (got {split!r})")
    unknown = sorted(set(projects or []) - set(catalog.projects))
    if unknown:
        raise UserError(f"unknown project(s): {', '.join(unknown)} (known: {', '.join(catalog.projects)})")
    missing = sorted(set(ids or []) - {b.id for b in catalog.bugs})
    if missing:
        raise UserError(f"unknown bug id(s): {', '.join(missing)}")
    return [b for b in catalog.bugs if (split == "all" or b.split == split or (ids and b.id in ids))
            and (not projects or b.project in projects) and (not ids or b.id in ids)]


def apply_bug(source: str, bug: Bug) -> str:
    """The file with the bug in: its ``old`` text must occur exactly once (else the catalog no
    longer matches the release, which must be said, not guessed around)."""
    count = source.count(bug.old)
    if count != 1:
        raise UserError(f"bug {bug.id}: its old text occurs {count} times in {bug.file} (must be once)")
    return source.replace(bug.old, bug.new)


# -- projects on disk -------------------------------------------------------------------------


def _run(args: list, cwd: Path | None = None, timeout: float = 900, env: dict | None = None
         ) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=env)


def _check(proc: subprocess.CompletedProcess, what: str) -> None:
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed ({proc.returncode}): {(proc.stderr or proc.stdout)[-800:]}")


def _sdist(p: Project, cache: Path) -> Path:
    """The project's sdist, downloaded into the cache once."""
    dl = cache / "sdists"
    dl.mkdir(parents=True, exist_ok=True)

    def find() -> Path | None:
        want = f"{p.name}-{p.version}.tar.gz".lower().replace("_", "-")
        return next((f for f in dl.iterdir() if f.name.lower().replace("_", "-") == want), None)

    found = find()
    if found is None:
        _check(_run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                     f"{p.name}=={p.version}", "-d", dl]), f"downloading {p.name}=={p.version}")
        found = find()
        if found is None:
            raise RuntimeError(f"pip downloaded no {p.name}-{p.version}.tar.gz")
    return found


def setup_project(p: Project, catalog_root: Path, cache: Path) -> tuple[Path, Path | None]:
    """The pristine source tree and a venv with the test dependencies and the build backend
    (None for a project without one)."""
    pristine = cache / "src" / p.key
    venv = cache / "venvs" / p.key if p.deps is not None else None
    if not pristine.exists():
        staging = cache / "src" / f".{p.key}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        if p.path:
            shutil.copytree(catalog_root / p.path, staging)
        else:
            with tarfile.open(_sdist(p, cache)) as tar:
                tar.extractall(staging, filter="data")
            (inner,) = staging.iterdir()
            inner.rename(staging.with_name(staging.name + "2"))
            staging.rmdir()
            staging.with_name(staging.name + "2").rename(staging)
        staging.rename(pristine)
    if venv is not None and not (venv / "bin" / "python").exists():
        shutil.rmtree(venv, ignore_errors=True)
        _check(_run([sys.executable, "-m", "venv", venv]), f"venv for {p.name}")
        _check(_run([venv / "bin" / "python", "-m", "pip", "install", "-q", *p.deps, *p.backend]),
               f"installing {p.name}'s test dependencies")
    return pristine, venv


def project_pytest(venv: Path | None, tree: Path, tests: tuple[str, ...], timeout: float = 900
                   ) -> subprocess.CompletedProcess:
    """The project's own test run, outside any sandbox: what its developer would run."""
    python = venv / "bin" / "python" if venv is not None else sys.executable
    return _run([python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], cwd=tree,
                timeout=timeout, env=_venv_env(venv))


def _venv_env(venv: Path | None) -> dict:
    """The environment of a developer who activated the project's venv."""
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    if venv is None:
        return env
    return {**env, "VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}


def working_tree(p: Project, pristine: Path, venv: Path | None, cache: Path) -> Path:
    """The project's working copy, installed editable into its venv (once; each case is
    written into it and the file put back afterwards)."""
    tree = cache / "work" / p.key
    stamp = tree / ".mucode-bench-editable"
    if not stamp.exists():
        shutil.rmtree(tree, ignore_errors=True)
        shutil.copytree(pristine, tree, symlinks=True)
        if venv is not None:
            _check(_run([venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                         "-e", tree]), f"editable install of {tree}")
        stamp.write_text("")
    restore(tree, pristine)
    return tree


def restore(tree: Path, pristine: Path) -> None:
    """Every .py file of the working copy as released again; mucode's backups removed."""
    for f in tree.rglob("*.mucode-backup*"):
        f.unlink()
    for f in pristine.rglob("*.py"):
        mine = tree / f.relative_to(pristine)
        if not mine.exists() or mine.read_bytes() != f.read_bytes():
            shutil.copy2(f, mine)


def _digest(tree: Path, paths: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for rel in paths:
        path = tree / rel
        for f in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            h.update(f.read_bytes())
    return h.hexdigest()


# -- one case ---------------------------------------------------------------------------------


@dataclass
class FixOptions:
    """What each case's ``mucode fix`` is told beyond the file and its tests."""

    model: str = ""  # "" : fix's own default
    args: list[str] = field(default_factory=list)  # more fix options, e.g. ["--verifier", "none"]
    timeout: float = 600.0  # seconds a case may take before it counts as not fixed


def _mucode_command() -> list[str]:
    """``mucode`` as this process has it: the same code as the harness, whatever is installed."""
    import mucode_cli

    root = str(Path(mucode_cli.__file__).resolve().parent.parent)
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {root!r}); from mucode_cli.cli import main; main()"]


def run_case(p: Project, bug: Bug, tree: Path, pristine: Path, venv: Path | None, options: FixOptions) -> dict:
    tests = bug.tests or p.tests
    restore(tree, pristine)
    (tree / bug.file).write_text(apply_bug((pristine / bug.file).read_text(encoding="utf-8"), bug), encoding="utf-8")
    tests_before = _digest(tree, tests)
    argv = [*_mucode_command(), "fix", bug.file, *(a for t in tests for a in ("--tests", t)),
            "--yes", "--json",
            "--seed", "0", *(["--model", options.model] if options.model else []), *options.args]
    start = time.monotonic()
    try:
        proc = subprocess.run(argv, cwd=tree, capture_output=True, text=True, timeout=options.timeout,
                              stdin=subprocess.DEVNULL, env=_venv_env(venv))
    except subprocess.TimeoutExpired:
        proc = subprocess.CompletedProcess(argv, -9, "", f"mucode fix ran over {options.timeout:g} s")
    seconds = time.monotonic() - start
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = None
    claimed = bool(report and report.get("fixed"))
    confirmed = claimed and project_pytest(venv, tree, tests).returncode == 0
    rec = {
        "case_id": bug.id, "search": 0, "bug": bug_digest(bug), "project": p.name, "split": bug.split, "kind": bug.kind, "file": bug.file,
        "description": bug.description, "shape": p.shape, "exit_code": proc.returncode, "claimed_fixed": claimed,
        "confirmed": confirmed, "false_claim": claimed and not confirmed, "seconds": round(seconds, 1),
        "tests_untouched": tests_before == _digest(tree, tests),
        "error": None if report is not None else (proc.stderr or proc.stdout)[-600:],
    }
    if report is not None:
        rec.update({k: report.get(k) for k in ("targets", "turns", "tests_before", "tests_after", "test_runs",
                                               "timing", "tokens", "diff", "escalated")})
        rec["candidates"] = len(report.get("candidates", []))
    restore(tree, pristine)
    return rec


# -- the benchmark ----------------------------------------------------------------------------


@dataclass
class ProjectsBenchConfig:
    benchmark: str
    model: str
    args: list[str]  # the other fix options every case ran with
    case_timeout: float


def bug_digest(bug: Bug) -> str:
    """Which edit a record was made with: a bug changed in the catalog runs again."""
    return hashlib.sha256(f"{bug.file}\0{bug.old}\0{bug.new}\0{bug.tests}".encode()).hexdigest()[:16]


CHECK_TIMEOUT = 300  # seconds the project's own tests may take with a bug in


def check_bug_fails(p: Project, bug: Bug, tree: Path, pristine: Path, venv: Path | None) -> str | None:
    """None if the project's own tests catch the bug; else why the bug is no test of repair."""
    restore(tree, pristine)
    try:
        (tree / bug.file).write_text(apply_bug((pristine / bug.file).read_text(encoding="utf-8"), bug),
                                     encoding="utf-8")
        proc = project_pytest(venv, tree, bug.tests or p.tests, timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"the project's tests run over {CHECK_TIMEOUT} s with the bug in (a hang, not a failure)"
    finally:
        restore(tree, pristine)
    if proc.returncode == 0:
        return "the project's tests pass with the bug in"
    if proc.returncode not in (1,):
        return f"pytest exited {proc.returncode} with the bug in (not a test failure)"
    return None


def run_projects(bugs: list[Bug], catalog: Catalog, options: FixOptions, out: Path, cache: Path,
                 say: Callable[[str], None] = print,
                 progress: Callable[[Bug, dict | None], None] | None = None) -> list[dict]:
    """Every selected bug not yet in ``out/results.jsonl``; returns the records of the selection."""
    from .runner import read_records

    results = out / "results.jsonl"
    digests = {b.id: bug_digest(b) for b in bugs}
    done = {r["case_id"] for r in read_records(out, "case_id") if r.get("bug") == digests.get(r["case_id"])} \
        if results.exists() else set()
    by_project: dict[str, list[Bug]] = {}
    for b in bugs:
        by_project.setdefault(b.project, []).append(b)
    skipped: list[dict] = []
    for name, group in by_project.items():
        todo = [b for b in group if b.id not in done]
        if not todo:
            for b in group:
                if progress:
                    progress(b, None)
            continue
        p = catalog.projects[name]
        try:
            pristine, venv = setup_project(p, catalog.root, cache)
            tree = working_tree(p, pristine, venv, cache)
            base = project_pytest(venv, tree, p.tests)
            if base.returncode != 0:
                raise RuntimeError(f"its own tests fail before any bug is in: {(base.stdout or base.stderr)[-400:]}")
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            say(f"{p.name}: skipped: {e}")
            skipped += [{"case_id": b.id, "project": p.name, "skipped": str(e)[:300]} for b in todo]
            continue
        for bug in group:
            if bug.id in done:
                if progress:
                    progress(bug, None)
                continue
            why = check_bug_fails(p, bug, tree, pristine, venv)
            if why is not None:
                say(f"{bug.id}: skipped: {why}")
                skipped.append({"case_id": bug.id, "project": p.name, "skipped": why})
                continue
            rec = run_case(p, bug, tree, pristine, venv, options)
            with open(results, "a", encoding="utf-8") as f:
                f.write(json.dumps(rec) + "\n")
            if progress:
                progress(bug, rec)
    if skipped:
        (out / "skipped.json").write_text(json.dumps(skipped, indent=2))
    if not results.exists():
        return []
    return [r for r in read_records(out, "case_id") if r.get("bug") == digests.get(r["case_id"])]


def _fixed(r: dict) -> bool:
    return bool(r["claimed_fixed"] and r["confirmed"])


def summarize(records: list[dict], config: ProjectsBenchConfig, seconds: float) -> dict:
    """Fixed, false claims, tests edited, median/p90 seconds, where the time went, by project."""
    records = list({r["case_id"]: r for r in records}.values())  # a rerun replaces a case
    secs = [r["seconds"] for r in records]
    n = len(records)
    fixed = sum(_fixed(r) for r in records)
    timing = [r.get("timing") or {} for r in records]
    time_split = {ph: round(sum(t.get(ph, 0.0) for t in timing), 1) for ph in PHASES}
    time_split["candidate_test_runs"] = round(sum(t.get("test_seconds", 0.0) for t in timing), 1)
    time_split["total"] = round(sum(secs), 1)

    def group(key: str) -> dict:
        out: dict[str, dict] = {}
        for r in records:
            g = out.setdefault(r[key], {"cases": 0, "fixed": 0})
            g["cases"] += 1
            g["fixed"] += _fixed(r)
        return out

    by_project = group("project")
    for r in records:
        by_project[r["project"]]["shape"] = r["shape"]
    return {
        "benchmark": "projects",
        "splits": sorted({r["split"] for r in records}),
        "model": config.model or "default",
        "args": config.args,
        "case_timeout": config.case_timeout,
        "cases": n,
        "projects": len(by_project),
        "fixed": fixed,
        "fixed_rate": round(fixed / n, 4) if n else 0.0,
        "stderr": round((fixed / n * (1 - fixed / n) / n) ** 0.5, 4) if n else 0.0,
        "false_claims": sum(r["false_claim"] for r in records),
        "tests_edited": sum(not r["tests_untouched"] for r in records),
        "errors": sum(r["error"] is not None for r in records),
        # The cascade (--escalate): cases whose later turns the stronger model wrote, and of those fixed.
        "escalated": sum(bool(r.get("escalated")) for r in records),
        "fixed_escalated": sum(bool(r.get("escalated")) and _fixed(r) for r in records),
        "median_seconds": round(statistics.median(secs), 1) if secs else 0.0,
        "p90_seconds": percentile(secs, 0.9),
        "time_split_seconds": time_split,
        "by_project": by_project,
        "by_split": group("split"),
        "by_kind": group("kind"),
        "seconds": round(seconds, 1),
    }


def default_cache() -> Path:
    from mucode_cli.cache import cache_dir

    return cache_dir().parent / "projects"
