"""Rich output for the terminal: the live search view and the final summary."""

from __future__ import annotations

import time

from rich.console import Console, Group
from rich.live import Live
from rich.spinner import Spinner
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
