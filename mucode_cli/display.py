"""All of the terminal output: the live search view, fix's summary and diff, test outcome
tables, benchmark progress and summaries, the model list."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console, Group
from rich.live import Live
from rich.spinner import Spinner
from rich.syntax import Syntax
from rich.table import Table

from .core import Candidate
from .search import Turn


def _cell(c: Candidate) -> tuple[str, str, str, str]:
    ev = c.evaluation
    if not ev.valid:
        tests = f"[yellow]discarded[/]: {ev.reason[:50]}"
    elif ev.unchanged:
        tests = "[yellow]unchanged[/] (not tested again)"
    elif ev.n_total == 0:
        tests = "[red]error[/] (no test ran)"
    else:
        color = "green" if ev.passed else "red" if ev.n_passed == 0 else "yellow"
        tests = f"[{color}]{ev.n_passed}/{ev.n_total}[/]"
    score = f"{c.score:+.2f}" if c.scored else ""
    tps = f"{c.tokens / c.gen_seconds:.1f}" if c.gen_seconds > 0 else ""
    return f"{c.turn}.{c.index + 1}", tests, score, tps


class LiveSearchView:
    """A SearchObserver that draws the turns and candidates as they arrive."""

    def __init__(self, console: Console, turns: int, n: int):
        self.console = console
        self.total_turns = turns
        self.n = n
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.turn = 0
        self.start = time.monotonic()
        self.final = False
        self.live = Live(console=console, refresh_per_second=4, get_renderable=self._render)

    def __enter__(self):
        self.live.__enter__()
        return self

    def __exit__(self, *exc):
        self.final = True
        return self.live.__exit__(*exc)

    def _render(self):
        table = Table(title=None, show_edge=False, header_style="bold")
        for col in ("cand.", "tests", "verifier", "tok/s", "chosen"):
            table.add_column(col)
        for row in self.rows:
            table.add_row(*row)
        if self.final:
            return table
        status = Spinner("dots", text=f"turn {self.turn}/{self.total_turns}: sampling up to {self.n} candidates"
                                      f" and testing them · {time.monotonic() - self.start:.0f} s")
        return Group(table, status)

    def turn_started(self, turn: int, total: int) -> None:
        self.turn = turn

    def candidate_done(self, candidate: Candidate) -> None:
        pass  # rows are added per turn, once the choice is known

    def turn_done(self, turn: Turn) -> None:
        folded = 0
        for c in turn.candidates:
            # One-line proposals that repeat the line they replace are not worth a row each.
            if c.strategy == "cloze" and c.evaluation.unchanged and c.index != turn.chosen:
                folded += 1
                continue
            self.rows.append((*_cell(c), "←" if c.index == turn.chosen else ""))
        if folded:
            self.rows.append((f"{turn.number}.*", f"[dim]{folded} line proposal(s) unchanged[/]", "", "", ""))


def outcome_table(result, console: Console) -> None:
    table = Table(show_edge=False, header_style="bold")
    table.add_column("test")
    table.add_column("outcome")
    colors = {"passed": "green", "skipped": "cyan", "failed": "red", "error": "red", "timeout": "magenta"}
    for t in result.tests:
        table.add_row(t.name, f"[{colors.get(t.outcome, 'white')}]{t.outcome}[/]")
    console.print(table)


def print_feedback(feedback: str, console: Console) -> None:
    console.print(f"\n[bold]Feedback the model would see:[/]\n{feedback}", markup=True, highlight=False)


def print_where(isolation: str, inputs, interp, console: Console) -> None:
    """--verbose: how the sandbox isolated the run, the project root and the interpreter."""
    console.print(f"sandbox isolation: {isolation}\nproject root: {inputs.root} "
                  f"(import path first: {', '.join(inputs.import_roots)})\n"
                  f"python: {interp.executable} ({interp.version}, {interp.how})", highlight=False)


def print_project_settings(conf: dict, console: Console) -> None:
    console.print("from [tool.mucode]: " + ", ".join(f"{k}={v}" for k, v in conf.items()), highlight=False,
                  markup=False)


def print_tests_found(tests: list[Path], how: str, console: Console) -> None:
    """The tests a bare ``fix`` found, relative to where it runs."""
    shown = [str(t.relative_to(Path.cwd())) if t.is_relative_to(Path.cwd()) else str(t) for t in tests]
    console.print(f"tests: {', '.join(p if p != '.' else './' for p in shown)} ({how})", highlight=False)


def print_already_passing(report, console: Console) -> None:
    console.print(f"[green]All {report.before.n_total} tests already pass: nothing to fix.[/]")


def print_repairing(report, found: bool, console: Console) -> None:
    """What fix is about to repair; ``found``: the file was worked out from the failures."""
    where = " (where the failing tests point)" if found else ""
    console.print(f"{report.before.n_passed}/{report.before.n_total} tests pass; repairing "
                  + ", ".join(report.targets) + f" in {report.inputs.module_rel}{where}")


def print_model(gen, verifier: str, console: Console) -> None:
    console.print(f"model: {gen.path} ({gen.threads} threads); verifier: {verifier}")


def print_patch(patch: Path, base: Path | None, console: Console) -> None:
    """Whether --patch wrote the fix; ``base``: the folder its paths are relative to."""
    if base:
        console.print(f"wrote the fix as a patch to {patch} (apply it from {base}: git apply {patch})",
                      highlight=False)
    else:
        console.print(f"no fix: {patch} not written", highlight=False)


def print_summary(report, written, console: Console, quiet_about_writing: bool = False) -> None:
    s = report.search
    after = report.after or report.before
    status = "[green]fixed[/]" if report.fixed else "[red]not fixed[/]"
    console.print(
        f"{status}: tests {report.before.n_passed}/{report.before.n_total} → {after.n_passed}/{after.n_total}, "
        f"{len(s.turns)} turn(s), {len(s.candidates)} candidates ({report.discarded} discarded), "
        f"{s.tokens} tokens, {report.seconds:.1f} s"
    )
    if after.n_run < after.n_total:
        console.print(f"({after.n_total - after.n_run} tests that passed before were not rerun for the best attempt)")
    if report.test_runs["reaching"]:
        console.print(f"test runs: {report.test_runs['failing_only']} of the failing tests only, "
                      f"{report.test_runs['reaching']} of the tests that reach the changed code, "
                      f"{report.test_runs['full']} of all tests")
    elif report.test_runs["failing_only"]:
        console.print(f"test runs: {report.test_runs['failing_only']} of the failing tests only, "
                      f"{report.test_runs['full']} of all tests (for candidates that passed the failing ones)")
    if written is True:
        console.print(f"wrote {report.inputs.module} (git holds the original: git checkout -- "
                      f"{report.inputs.module.name} undoes it)", highlight=False)
    elif written:
        console.print(f"wrote {report.inputs.module} (original saved as {written})")
    elif report.fixed and not quiet_about_writing:
        console.print("nothing written (use --yes to write)")
    if not report.fixed and report.diff:
        console.print("best attempt (not written):")
        print_diff(report.diff, console)


def print_diff(diff: str, console: Console) -> None:
    console.print(Syntax(diff, "diff", theme="ansi_dark", background_color="default"))


class ProgressBar:
    """A progress bar whose update(item, record) counts solved items."""

    def __init__(self, console: Console, title: str, total: int):
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("solved {task.fields[solved]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                            console=console)
        self.job = self.bar.add_task(title, total=total, solved=0)
        self.solved = 0

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def __call__(self, item, rec) -> None:
        if rec is not None and rec["success_by_turn"][-1]:
            self.solved += 1
        self.bar.update(self.job, advance=1, solved=self.solved)

    def case_done(self, bug, rec: dict | None) -> None:
        """A projects case: counted, and its verdict printed above the bar."""
        self(bug, None if rec is None else {"success_by_turn": [rec["claimed_fixed"] and rec["confirmed"]]})
        if rec is not None:
            verdict = "fixed" if rec["confirmed"] else "FALSE CLAIM" if rec["false_claim"] else "not fixed"
            self.bar.console.print(f"{bug.id}: {verdict}, {rec['seconds']:.0f} s", highlight=False)


def print_projects(summary: dict, console: Console) -> None:
    n = summary["cases"]
    console.print(f"projects: {summary['fixed']} of {n} fixed ({100 * summary['fixed_rate']:.0f} % ± "
                  f"{100 * summary['stderr']:.0f}) in {summary['projects']} projects; false claims "
                  f"{summary['false_claims']}, tests edited {summary['tests_edited']}; median "
                  f"{summary['median_seconds']} s, p90 {summary['p90_seconds']} s per case", highlight=False)
    split = summary["time_split_seconds"]
    console.print("time: " + ", ".join(f"{k} {v:.0f} s" for k, v in split.items()), highlight=False)
    console.print(f"results in {summary['out']}", highlight=False)


def print_repair(summary: dict, console: Console) -> None:
    by_turn = " / ".join(f"{100 * x:.1f}" for x in summary["success_by_turn"])
    console.print(f"repair ({summary['source']}): {summary['cases']} cases × {summary['searches']} search(es), "
                  f"N={summary['n']}, {summary['turns']} turns: fixed by turn {by_turn} % "
                  f"(± {100 * summary['stderr']:.1f})", highlight=False)
    console.print(f"median {summary['median_seconds']} s per case (p90 {summary['p90_seconds']} s), "
                  f"{summary['fixes_per_minute']} fixes per minute; candidates discarded "
                  f"{100 * summary['discarded']:.1f} %, unchanged {100 * summary['unchanged']:.1f} %; "
                  f"results in {summary['out']}", highlight=False)
    if summary.get("escalate"):
        console.print(f"cascade: {summary['escalated']} case(s) went on to {summary['escalate']}, "
                      f"{summary['fixed_escalated']} of them fixed", highlight=False)


def print_bench(summary: dict, paper, console: Console) -> None:
    table = Table(title=f"{summary['benchmark']}: {summary['problems']} problems × {summary['searches']} search(es)",
                  header_style="bold")
    table.add_column("run")
    for k in range(1, summary["turns"] + 1):
        table.add_column(f"turn {k}", justify="right")
    errs = summary.get("stderr_by_turn") or [None] * summary["turns"]
    table.add_row(f"{summary['model']} N={summary['n']} {summary['select']} T={summary['temperature']}",
                  *[f"{100 * x:.1f}" + (f" ± {100 * e:.1f}" if e is not None else "")
                    for x, e in zip(summary["success_by_turn"], errs)])
    console.print(table)
    line = "± one standard error over the problems"
    if summary.get("stderr_searches"):
        line += "; over the searches: " + " / ".join(f"± {100 * e:.1f}" for e in summary["stderr_searches"])
    console.print(line, highlight=False)
    console.print(f"{summary['seconds']:.0f} s, {summary['tokens']} tokens, {summary['tokens_per_second']} tok/s; "
                  f"results in {summary['out']}")
    ref = Table(title="paper (METHOD.md §7), final turn, %", header_style="bold")
    ref.add_column("setting")
    ref.add_column("MBPP", justify="right")
    ref.add_column("HumanEval", justify="right")
    for name, mb, he in paper:
        ref.add_row(name, f"{mb:.1f}", f"{he:.1f}")
    console.print(ref)

def print_models(rows) -> None:
    """``mucode models list``: one short block per model rather than a five-column table,
    readable in 80 columns."""
    console = Console()
    for r in rows:
        size = f"{r.size / 1e6:.0f} MB" if r.size else "size unknown"
        state = "[green]installed[/]" if r.installed else "[yellow]not installed[/]"
        console.print(f"[bold]{r.name}[/]  {state}, {size}")
        console.print(f"  {r.description}", highlight=False, markup=False)
        console.print(f"  from {short_source(r.source)}", highlight=False, markup=False)


def short_source(source: str) -> str:
    """'PyPI: pkg-part1==0.9.0 ... pkg-part6==0.9.0' as 'PyPI: pkg-part1..6==0.9.0'."""
    import re

    head, _, rest = source.partition(": ")
    parts = rest.split()
    m = [re.fullmatch(r"(.*?)(\d+)(==.*)", p) for p in parts]
    if len(parts) > 2 and all(m) and len({(x.group(1), x.group(3)) for x in m}) == 1:
        rest = f"{m[0].group(1)}{m[0].group(2)}..{m[-1].group(2)}{m[0].group(3)}"
    return f"{head}: {rest}" if rest else source


def say(console: Console):
    """A progress callback for long library calls: each message as one plain line."""
    return lambda message: console.print(message, highlight=False)


def print_uncommitted(module: Path, console: Console) -> None:
    # Said before the question: the backup is then the only copy of those changes.
    console.print(f"{module.name} has uncommitted changes: its current text is saved as a backup "
                  "before the fix is written", highlight=False)


def print_not_asked(console: Console) -> None:
    console.print("Not a terminal and no --yes: nothing written.")


def print_benchmarks(rows: list[tuple[str, str]]) -> None:
    """``mucode bench --list``: name and description, tab-separated (for scripts too)."""
    for name, description in rows:
        print(f"{name}\t{description}")


def print_no_plot(console: Console) -> None:
    console.print("matplotlib is not installed: no plot (pip install 'mucode[bench]')")


def print_trained(outputs: dict, adapter_base: str | None, console: Console) -> None:
    """What ``mucode train`` wrote, and how to use its verifier adapter."""
    console.print(f"wrote {outputs['generator']} and {outputs['verifier']}")
    if "verifier_adapter" in outputs:
        console.print(f"and the verifier as a LoRA adapter over the base: --model {adapter_base} "
                      f"--verifier {outputs['verifier_adapter']}")
