"""``mucode check`` and ``mucode fix``: the user's commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .. import display
from ..errors import UserError
from ..settings import PROJECT_KEYS, option
from .common import fail, load_generator_and_verifier, project_folder, project_sandbox, python_json, stronger_loader


def check(
    file: Path = typer.Argument(..., help="The Python file the tests import."),
    tests: List[Path] = typer.Option(..., "--tests", "-t", help="pytest file(s) or folder(s) to run (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    timeout: float = option("timeout"),
    root: Optional[Path] = typer.Option(None, "--root", help="The project folder to copy and run pytest from (default: where pytest would take its rootdir)."),
    python: Optional[str] = option("python"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also say how the sandbox was isolated."),
):
    """Run the tests against FILE in the sandbox; show per-test outcomes and the model's feedback."""
    from ..feedback import format_feedback
    from ..repair_inputs import load_inputs, run_tests

    folder = project_folder([file, *tests], root)
    sb, interp = project_sandbox(folder, python, timeout)
    inputs = load_inputs(file, tests, folder, list(interp.site_dirs))
    result = run_tests(inputs, sb)
    feedback = format_feedback(result)
    if as_json:
        print(json.dumps({
            "passed": result.passed,
            "tests": [{"name": t.name, "outcome": t.outcome, "message": t.message} for t in result.tests],
            "feedback": feedback, "seconds": round(result.seconds, 3), "timed_out": result.timed_out,
            "isolation": result.isolation, "root": str(inputs.root), "import_roots": inputs.import_roots,
            "python": python_json(interp),
        }, indent=2))
    else:
        console = Console()
        display.outcome_table(result, console)
        display.print_feedback(feedback, console)
        if verbose:
            console.print()
            display.print_where(result.isolation, inputs, interp, console)
    raise typer.Exit(0 if result.passed else 1)


def fix(
    ctx: typer.Context,
    file: Optional[Path] = typer.Argument(None, help="The Python file to repair (default: the project file the failing tests point at)."),
    tests: List[Path] = typer.Option([], "--tests", "-t", help="pytest file(s) or folder(s) that must pass (repeatable; never edited). Default: what pytest collects in the project root (its testpaths, else every test file)."),
    function: Optional[List[str]] = typer.Option(None, "--function", "-f", help="Function to repair (repeatable; Class.method allowed). Default: the ones the failing tests point at."),
    model: str = option("model"),
    verifier: str = option("verifier"),
    escalate: Optional[str] = option("escalate"),
    n: int = option("n"),
    turns: int = option("turns"),
    temperature: float = option("temperature"),
    seed: int = option("seed"),
    select: str = option("select"),
    timeout: float = option("timeout"),
    root: Optional[Path] = typer.Option(None, "--root", help="The project folder to copy and run pytest from (default: where pytest would take its rootdir)."),
    python: Optional[str] = option("python"),
    threads: Optional[int] = option("threads"),
    max_tokens: int = option("max_tokens"),
    full_search: bool = typer.Option(False, "--full-search", help="Sample all N candidates even after one passes."),
    plain_decoding: bool = typer.Option(False, "--plain-decoding", help="Decode candidates one by one, no drafting (slower; for comparison)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Write the fix without asking."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Never write; just show the diff."),
    backup: bool = typer.Option(False, "--backup", help="Save the original beside the file even where git holds it (default: a backup only outside git or with uncommitted changes)."),
    patch: Optional[Path] = typer.Option(None, "--patch", help="Write the fix to this file as a unified diff with paths from the repository root (git apply, patch -p1). The source changes only with --yes as well."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object on stdout instead of the display."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show model, threads and sandbox isolation."),
):
    """Repair FILE (default: the file the failing tests point at) until the tests pass: N candidates per
    turn, tested in a sandbox, best one kept."""
    from ..display import LiveSearchView
    from ..fix import fix_settings, prepare, run_fix
    from ..project import with_project_settings
    tests_found = None
    if not tests:
        from ..project import default_tests, root_above

        base = project_folder([file], root) if file is not None or root is not None else root_above(Path.cwd())
        tests, tests_found = default_tests(base)
    # [tool.mucode] in the project's pyproject.toml, for the options not given on the command line.
    paths = [file, *tests] if file is not None else tests
    options = {k: ctx.params[k] for k in PROJECT_KEYS}
    explicit = {k for k in options if ctx.get_parameter_source(k).name != "DEFAULT"}
    folder = project_folder(paths, root)
    options, conf = with_project_settings(options, explicit, folder)
    model, verifier, threads, select, python = (options[k] for k in ("model", "verifier", "threads", "select", "python"))
    n, turns, timeout, temperature, escalate = (options[k] for k in ("n", "turns", "timeout", "temperature", "escalate"))
    if escalate:
        from ..models import resolve_model

        resolve_model(escalate)  # a model that is not there is said before any test runs
    # Settings first: a bad option is said before any test runs.
    style, config = fix_settings(model, n, turns, select=select, seed=seed, temperature=temperature,
                                 max_tokens=max_tokens, fast=not plain_decoding, early_stop=not full_search)
    if conf and verbose and not as_json:
        display.print_project_settings(conf, Console())
    if yes and dry_run:
        fail("--yes and --dry-run contradict each other")
    if patch is not None:
        from ..writeback import check_patch_path

        if (problem := check_patch_path(patch)) is not None:
            fail(problem)
    console = Console(stderr=True) if as_json else Console()
    sb, interp = project_sandbox(folder, python, timeout)
    report = prepare(file, tests, sb, function, folder)
    if verbose and not as_json and report.inputs:
        display.print_where(report.before.isolation, report.inputs, interp, console)
    if tests_found and not as_json:
        display.print_tests_found(tests, tests_found, console)
    if report.already_passing:
        if as_json:
            print(json.dumps(report.to_json(None, python_json(interp))))
        else:
            display.print_already_passing(report, console)
        raise typer.Exit(0)
    if not as_json:
        display.print_repairing(report, file is None, console)
    import time as _time

    began = _time.monotonic()
    gen, ver = load_generator_and_verifier(model, verifier, threads, None if as_json else console)
    report.timing["load"] = _time.monotonic() - began
    if verbose and not as_json:
        display.print_model(gen, verifier, console)

    cascade = stronger_loader(escalate, verifier, threads)
    if as_json:
        run_fix(report, gen, ver, config, sb, style=style, escalate=cascade)
    else:
        with LiveSearchView(console, turns, n) as view:
            run_fix(report, gen, ver, config, sb, observer=view, style=style, escalate=cascade)
        console.print()

    written = _write_if_asked(report, yes, dry_run or (patch is not None and not yes), as_json, console, backup)
    patch_base = _write_patch(report, patch) if patch is not None else None
    if as_json:
        print(json.dumps({**report.to_json(written, python_json(interp)), "model": model,
                          "patch": str(patch) if patch_base else None}))
    else:
        display.print_summary(report, written, console, quiet_about_writing=patch is not None or dry_run)
        if patch is not None:
            display.print_patch(patch, patch_base, console)
    raise typer.Exit(0 if report.fixed else 1)


def _write_patch(report, patch: Path) -> Path | None:
    """Write a found fix to ``patch``; the folder its paths are relative to."""
    if not report.fixed or report.new_source is None:
        return None
    from ..writeback import write_patch

    return write_patch(patch, report.inputs.module, report.inputs.source, report.new_source, report.inputs.root)


def _write_if_asked(report, yes: bool, dry_run: bool, as_json: bool, console: Console,
                    backup: bool = False) -> Path | bool | None:
    """Show a fix's diff and write it when asked (--yes, or yes at the prompt): the backup's
    path, True if written without one (git holds the original), None if not written."""
    if not report.fixed or report.new_source is None:
        return None
    from ..writeback import git_state, write_with_backup

    if not as_json:
        display.print_diff(report.diff, console)
    module = report.inputs.module
    state = git_state(module) if not dry_run else None
    if state == "changed":
        # Said before the question: the backup is then the only copy of those changes.
        display.print_uncommitted(module, console)
    should_write = yes
    if not (as_json or yes or dry_run):
        if sys.stdin.isatty() and sys.stdout.isatty():
            should_write = typer.confirm(f"Write the fix to {module}?", default=False)
        else:
            display.print_not_asked(console)
    if not should_write or dry_run:
        return None
    try:
        saved = write_with_backup(module, report.new_source, report.inputs.source, backup=backup or state != "clean")
    except RuntimeError as e:
        raise UserError(str(e)) from None
    return saved if saved is not None else True
