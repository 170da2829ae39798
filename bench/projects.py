"""Real projects: ``mucode fix`` on single-function bugs injected into small PyPI projects.

Not part of CI: it downloads each project's sdist and its test dependencies from PyPI. Each
project gets its own virtualenv with the project installed *editable* (how its developers
work), its own pytest configuration and layout (flat, ``src/``, tests inside the package,
``--cov`` in addopts, conftest fixtures). A bug is a mutant from ``bench.mutants`` of one
function of the chosen module that the project's own tests catch (not by a timeout). Each
case is a fresh copy of the project, installed editable from that copy, and the ordinary
``mucode fix FILE --tests … --yes --json`` runs from its root, with the project's venv found
as a user's would be (``.venv`` in the project). Afterwards the project's own pytest, outside
any sandbox, says whether the written fix really passes: a "fixed" it does not confirm is
a *false claim* (there must be none).

    python -m bench.projects --out bench/results/projects --per-project 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .mutants import ordered_mutants


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    layout: str
    module: str  # the file bugs go into, relative to the project root
    tests: tuple[str, ...]  # what is passed to --tests
    deps: tuple[str, ...] = ("pytest",)
    backend: tuple[str, ...] = ("setuptools", "wheel")  # to install editable without build isolation


PROJECTS = (
    Project("inflection", "0.5.1", "package + tests at the root, parametrized", "inflection/__init__.py",
            ("test_inflection.py",)),
    Project("iso8601", "2.1.0", "tests inside the package, hypothesis", "iso8601/iso8601.py",
            ("iso8601/test_iso8601.py",), deps=("pytest", "hypothesis", "pytz"), backend=("poetry-core",)),
    Project("toolz", "0.12.1", "tests inside the package (toolz/tests)", "toolz/itertoolz.py",
            ("toolz/tests/test_itertoolz.py",)),
    Project("semver", "3.0.2", "src layout, --cov and doctests in addopts, importlib mode", "src/semver/version.py",
            ("tests",), deps=("pytest", "pytest-cov")),
    Project("boltons", "24.0.0", "package + tests/ with a conftest, pytest.ini", "boltons/strutils.py",
            ("tests/test_strutils.py",)),
    Project("more-itertools", "10.5.0", "flit package, big unittest-style test file", "more_itertools/recipes.py",
            ("tests/test_recipes.py",), backend=("flit_core",)),
)


@dataclass
class Case:
    case_id: str
    project: str
    module: str
    function: str
    kind: str
    line: int
    description: str
    source: str = field(repr=False, default="")


def _run(args: list, cwd: Path | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def _check(proc: subprocess.CompletedProcess, what: str) -> None:
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed ({proc.returncode}): {(proc.stderr or proc.stdout)[-800:]}")


def setup_project(p: Project, work: Path) -> tuple[Path, Path]:
    """The pristine source tree and a venv with the test dependencies and the build backend."""
    pristine = work / "src" / f"{p.name}-{p.version}"
    venv = work / "venvs" / p.name
    if not pristine.exists():
        dl = work / "dl"
        dl.mkdir(parents=True, exist_ok=True)
        _check(_run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                     f"{p.name}=={p.version}", "-d", dl]), f"downloading {p.name}")
        sdist = next(f for f in dl.iterdir() if f.name.lower().replace("_", "-").startswith(f"{p.name}-{p.version}"))
        with tarfile.open(sdist) as tar:
            tar.extractall(work / "src", filter="data")
        extracted = work / "src" / sdist.name.removesuffix(".tar.gz")
        if extracted != pristine:
            extracted.rename(pristine)
    if not (venv / "bin" / "python").exists():
        _check(_run([sys.executable, "-m", "venv", venv]), f"venv for {p.name}")
        _check(_run([venv / "bin" / "python", "-m", "pip", "install", "-q", *p.deps, *p.backend]),
               f"installing {p.name}'s test dependencies")
    return pristine, venv


def install_editable(venv: Path, tree: Path) -> None:
    _check(_run([venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "-e",
                 tree]), f"editable install of {tree}")


def project_pytest(venv: Path, tree: Path, tests: tuple[str, ...], timeout: float = 600) -> subprocess.CompletedProcess:
    """The project's own test run, outside any sandbox: what the developer would run."""
    return _run([venv / "bin" / "python", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], cwd=tree,
                timeout=timeout)


def make_cases(p: Project, pristine: Path, venv: Path, per_project: int, seed: int, max_tries: int = 20) -> list[Case]:
    """Mutants of ``p.module`` (one per function at most) that the project's tests catch."""
    from mucode_cli.project import find_interpreter
    from mucode_cli.repair_env import load_inputs, run_tests
    from mucode_cli.sandbox import Sandbox, SandboxLimits

    interp = find_interpreter(pristine, str(venv))
    sandbox = Sandbox(SandboxLimits(timeout=120), python=interp)
    inputs = load_inputs(pristine / p.module, [pristine / t for t in p.tests], pristine, list(interp.site_dirs))
    if not run_tests(inputs, sandbox).passed:
        raise RuntimeError(f"{p.name}: the project's own tests fail before any bug is injected")
    rng = random.Random(f"{seed}/{p.name}")
    cases: list[Case] = []
    used: set[str] = set()
    for m in ordered_mutants(inputs.source, rng)[:max_tries * per_project]:
        if m.function in used:
            continue
        r = run_tests(inputs, sandbox, m.source)
        if r.passed or r.timed_out or not r.tests:
            continue
        used.add(m.function)
        cases.append(Case(f"{p.name}/{len(cases) + 1}", p.name, p.module, m.function, m.kind, m.line, m.description,
                          m.source))
        if len(cases) >= per_project:
            break
    return cases


def run_case(p: Project, case: Case, pristine: Path, venv: Path, work: Path, timeout: float) -> dict:
    tree = work / "cases" / case.case_id.replace("/", "-")
    if tree.exists():
        shutil.rmtree(tree)
    shutil.copytree(pristine, tree, symlinks=True)
    (tree / p.module).write_text(case.source, encoding="utf-8")
    # The developer's setup: the working copy installed editable into the venv they activated.
    install_editable(venv, tree)
    tests_before = {t: _digest(tree / t) for t in p.tests}
    env = {**os.environ, "VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "mucode_cli.cli", "fix", p.module, "--tests", *p.tests, "--yes",
                               "--json", "--seed", "0"], cwd=tree, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, env=env)
    except subprocess.TimeoutExpired:
        proc = subprocess.CompletedProcess([], -9, "", f"mucode fix ran over {timeout:g} s")
    seconds = time.monotonic() - start
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = None
    claimed = bool(report and report.get("fixed"))
    confirmed = project_pytest(venv, tree, p.tests).returncode == 0
    return {
        **{k: v for k, v in asdict(case).items() if k != "source"},
        "layout": p.layout, "exit_code": proc.returncode, "claimed_fixed": claimed, "confirmed": confirmed,
        "false_claim": claimed and not confirmed, "seconds": round(seconds, 1),
        "error": None if report is not None else (proc.stderr or proc.stdout)[-600:],
        "python": report.get("python") if report else None, "root": report.get("root") if report else None,
        "targets": report.get("targets") if report else None, "test_runs": report.get("test_runs") if report else None,
        "tests_before": report.get("tests_before") if report else None, "diff": report.get("diff") if report else "",
        "tests_untouched": tests_before == {t: _digest(tree / t) for t in p.tests},
    }


def _digest(path: Path) -> str:
    import hashlib

    files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()


def summarize(records: list[dict]) -> dict:
    secs = [r["seconds"] for r in records]
    by_project: dict[str, list[dict]] = {}
    for r in records:
        by_project.setdefault(r["project"], []).append(r)
    return {
        "cases": len(records),
        "fixed": sum(r["confirmed"] and r["claimed_fixed"] for r in records),
        "false_claims": sum(r["false_claim"] for r in records),
        "errors": sum(r["error"] is not None for r in records),
        "tests_edited": sum(not r["tests_untouched"] for r in records),
        "median_seconds": round(statistics.median(secs), 1) if secs else 0.0,
        "by_project": {k: {"cases": len(v), "fixed": sum(r["confirmed"] and r["claimed_fixed"] for r in v),
                           "layout": v[0]["layout"]} for k, v in by_project.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.projects", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("bench/results/projects"))
    ap.add_argument("--work", type=Path, default=None, help="downloads, venvs and case copies (default: OUT/work)")
    ap.add_argument("--per-project", type=int, default=2)
    ap.add_argument("--projects", default="", help="comma-separated names (default: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=900, help="seconds per mucode fix run")
    args = ap.parse_args(argv)
    out = args.out
    work = (args.work or out / "work").resolve()
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    (work / ".gitignore").write_text("*\n")
    results = out / "results.jsonl"
    done = {json.loads(line)["case_id"] for line in results.read_text().splitlines()} if results.exists() else set()
    chosen = [p for p in PROJECTS if not args.projects or p.name in args.projects.split(",")]
    for p in chosen:
        try:
            pristine, venv = setup_project(p, work)
            install_editable(venv, pristine)
            cases = make_cases(p, pristine, venv, args.per_project, args.seed)
        except (RuntimeError, subprocess.TimeoutExpired, StopIteration) as e:
            print(f"{p.name}: skipped: {e}", file=sys.stderr)
            continue
        for case in cases:
            if case.case_id in done:
                continue
            print(f"{case.case_id}: {case.description} in {case.function} ({p.layout})…", file=sys.stderr, flush=True)
            rec = run_case(p, case, pristine, venv, work, args.timeout)
            print(f"  claimed fixed {rec['claimed_fixed']}, confirmed {rec['confirmed']}, {rec['seconds']} s",
                  file=sys.stderr, flush=True)
            with open(results, "a", encoding="utf-8") as f:
                f.write(json.dumps(rec) + "\n")
    records = [json.loads(line) for line in results.read_text().splitlines()] if results.exists() else []
    summary = summarize(records)
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
