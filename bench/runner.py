"""Running a benchmark: the fix search loop per problem, resumable JSONL results, summary."""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from mucode_cli.core import Executor, Generator, Verifier
from mucode_cli.errors import UserError
from mucode_cli.records import read_jsonl, turns_record
from mucode_cli.search import Search, SearchConfig, SearchResult

from . import humaneval, mbpp
from mucode_cli.tasks import BenchEnvironment, BenchTask, check_public_tests, task_prompt

BENCHMARKS = {m.name: m for m in (humaneval, mbpp)}

# METHOD.md §7, for reference beside our numbers (pass rates in %).
PAPER = [
    ("Llama-3.2-1B Instruct, 1 turn, N=1", 35.1, 25.6),
    ("Llama-3.2-1B Instruct, 3 turns, N=1", 35.1, 31.1),
    ("Llama-3.2-1B Instruct + BoN, N=5, 3 turns", 47.3, 35.7),
    ("Llama-3.2-1B µCode + BoN, N=5, 3 turns", 51.1, 41.5),
    ("Llama-3.1-8B µCode + BoN, N=5, 3 turns", 70.6, 63.8),
]


@dataclass
class BenchConfig:
    benchmark: str
    model: str
    verifier: str
    n: int
    turns: int
    temperature: float
    select: str
    seed: int
    searches: int
    max_tokens: int
    split: str
    variant: dict = field(default_factory=dict)  # the --variant overrides of the search
    # "lead": each answer is begun for the model with a python block and the task's stub
    # (BenchEnvironment). None: the paper's prompt alone, as every run before it had (so that
    # their folders resume with it and refuse a lead).
    prompt: str | None = None

    def __post_init__(self):
        if self.searches < 1:
            raise UserError(f"searches must be at least 1 (got {self.searches})")


def success_by_turn(result: SearchResult, turns: int) -> list[bool]:
    """Success at turn k: the choice at the first public pass (at or before k) passes the private tests."""
    out = []
    solved_at = None
    for k in range(1, turns + 1):
        if solved_at is None and k <= len(result.turns) and result.turns[k - 1].choice.evaluation.passed:
            solved_at = k
        ok = solved_at is not None and bool(result.turns[solved_at - 1].choice.evaluation.private_passed)
        out.append(ok)
    return out


def record(task: BenchTask, search_index: int, result: SearchResult, turns: int) -> dict:
    return {
        "task_id": task.task_id,
        "search": search_index,
        "notes": task.notes,
        "problem": task_prompt(task),  # what the model and the verifier were shown: a verifier trains on it
        "success_by_turn": success_by_turn(result, turns),
        "seconds": round(result.seconds, 3),
        "tokens": result.tokens,
        "turns": turns_record(result),
    }


def load_tasks(benchmark: str, data: str | None, split: str, limit: int | None, problems: list[str] | None,
               sandbox: Executor | None = None) -> list[BenchTask]:
    """The selected problems; with a ``sandbox``, each public test checked against the reference."""
    if benchmark not in BENCHMARKS:
        raise UserError(f"unknown benchmark {benchmark!r}: choose from {', '.join(BENCHMARKS)}")
    tasks = BENCHMARKS[benchmark].load(data, split)
    if problems:
        by_id = {t.task_id: t for t in tasks}
        # Accept "HumanEval/0" or just "0".
        prefix = tasks[0].task_id.rsplit("/", 1)[0] + "/" if tasks else ""
        ids = [p if p in by_id else prefix + p for p in problems]
        missing = [p for p, i in zip(problems, ids) if i not in by_id]
        if missing:
            raise UserError(f"unknown problem id(s): {', '.join(missing)}")
        tasks = [by_id[i] for i in ids]
    if limit is not None:
        tasks = tasks[:limit]
    if sandbox is not None:
        check_public_tests(tasks, sandbox)
    return tasks


_MISSING = object()


def _same_setting(theirs, mine, nested: bool = False) -> bool:
    """A key the older file lacks: at the top, the same only if ours is empty ({} or None); inside
    a settings table, a field added since (with the default the older run used): old folders resume."""
    if theirs is _MISSING:
        return nested or mine in ({}, None)
    if isinstance(theirs, dict) and isinstance(mine, dict):
        return set(theirs) <= set(mine) and all(_same_setting(theirs.get(k, _MISSING), v, True) for k, v in mine.items())
    return theirs == mine


def check_out(out: Path, config) -> None:
    """Refuse a results folder holding another configuration (a UserError naming what differs);
    writes nothing, so the CLI can say it before the model loads."""
    cfg_path = out / "config.json"
    if not cfg_path.exists():
        return
    try:
        theirs = json.loads(cfg_path.read_text())
    except (ValueError, UnicodeDecodeError):
        raise UserError(f"{cfg_path} is not a config.json written by mucode bench; use a new --out") from None
    mine = asdict(config)
    # The variant holds overrides, not a settings table: a key one side lacks is a difference.
    diff = {k for k in mine if k != "searches" and not (
        theirs.get(k, {}) == mine[k] if k == "variant" else _same_setting(theirs.get(k, _MISSING), mine[k]))}
    if diff:
        raise UserError(f"{out} holds results of another configuration ({', '.join(sorted(diff))} differ); "
                        "use a new --out")


def prepare_out(out: Path, config) -> None:
    """Create ``out`` for a run of ``config`` (a dataclass); refuse one holding another configuration."""
    check_out(out, config)
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(asdict(config), indent=2))


def run_resumable(items: list, out: Path, config, run: Callable[[object, int], dict], key: str,
                  item_id: Callable[[object], str], progress: Callable[[object, dict | None], None] | None = None
                  ) -> list[dict]:
    """The resumable results loop of a benchmark: ``run(item, search)`` for every (item, search)
    of ``config.searches`` not yet in ``out/results.jsonl``, each record appended as soon as it
    is made (a line cut by a crash runs again); returns the records of these items."""
    prepare_out(out, config)
    done = {(r[key], r["search"]) for r in read_records(out, key)} if (out / "results.jsonl").exists() else set()
    with open(out / "results.jsonl", "a", encoding="utf-8") as f:
        for item in items:
            for s in range(config.searches):
                rec = None if (item_id(item), s) in done else run(item, s)
                if rec is not None:
                    f.write(json.dumps(rec) + "\n")
                    f.flush()
                if progress:
                    progress(item, rec)
    wanted = {item_id(i) for i in items}
    return [r for r in read_records(out, key) if r[key] in wanted and r["search"] < config.searches]


def run_benchmark(tasks: list[BenchTask], generator: Generator, verifier: Verifier, config: BenchConfig,
                  search_config: SearchConfig, sandbox: Executor, out: Path,
                  progress: Callable[[BenchTask, dict | None], None] | None = None) -> list[dict]:
    """Run every (problem, search) not yet in ``out/results.jsonl``; return all records."""
    def run(task: BenchTask, s: int) -> dict:
        cfg = SearchConfig(**{**search_config.__dict__, "seed": search_config.seed + 1000 * s})
        env = BenchEnvironment(task, sandbox, lead=config.prompt == "lead")
        return record(task, s, Search(generator, verifier, cfg).run(env), config.turns)

    return run_resumable(tasks, out, config, run, "task_id", lambda t: t.task_id, progress)


def read_records(out: Path, key: str = "task_id") -> list[dict]:
    """The results of a folder, the last record per (problem, search) (a rerun replaces one)."""
    recs = {(r[key], r["search"]): r for r in read_jsonl(out / "results.jsonl") if key in r and "search" in r}
    return list(recs.values())


def percentile(values: list[float], q: float, ndigits: int = 1) -> float:
    """The ``q`` quantile of ``values``, interpolated between neighbours, rounded (0.0 for none)."""
    if not values:
        return 0.0
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return round(s[lo] + (s[hi] - s[lo]) * (k - lo), ndigits)


def error_bars(records: list[dict], turns: int, key: str = "task_id") -> dict:
    """Standard errors of success by turn: over problems (each problem's mean over its searches;
    sqrt(p(1-p)/n) with one search) and, with several searches, over the searches' own rates —
    so that a difference of a few problems is not read as a finding."""
    by_problem: dict[str, list[list[bool]]] = {}
    by_search: dict[int, list[list[bool]]] = {}
    for r in records:
        by_problem.setdefault(r[key], []).append(r["success_by_turn"])
        by_search.setdefault(r["search"], []).append(r["success_by_turn"])

    def rates(groups) -> list[list[float]]:
        return [[sum(s[k] for s in g) / len(g) for k in range(turns)] for g in groups]

    problems = rates(by_problem.values())
    searches = rates(by_search[s] for s in sorted(by_search))
    out = {
        "stderr_by_turn": [round(statistics.pstdev(col) / math.sqrt(len(col)), 4) if col else 0.0
                           for col in zip(*problems)] if problems else [0.0] * turns,
        "by_search": [[round(x, 4) for x in row] for row in searches],
        "stderr_searches": None,
    }
    if len(searches) > 1:
        out["stderr_searches"] = [round(statistics.stdev(col) / math.sqrt(len(col)), 4) for col in zip(*searches)]
    return out


def summarize(records: list[dict], config: BenchConfig, seconds: float) -> dict:
    turns = config.turns
    n = len(records)
    by_turn = [sum(r["success_by_turn"][k] for r in records) / n if n else 0.0 for k in range(turns)]
    tokens = sum(r["tokens"] for r in records)
    gen_seconds = sum(c["gen_seconds"] for r in records for t in r["turns"] for c in t["candidates"])
    return {
        "benchmark": config.benchmark,
        "problems": len({r["task_id"] for r in records}),
        "searches": config.searches,
        "n": config.n,
        "turns": turns,
        "select": config.select,
        "temperature": config.temperature,
        "success_by_turn": [round(x, 4) for x in by_turn],
        **error_bars(records, turns),
        "seconds": round(seconds, 1),
        "tokens": tokens,
        "tokens_per_second": round(tokens / gen_seconds, 1) if gen_seconds else 0.0,
        "model": config.model,
        "verifier": config.verifier,
    }


def write_summary(summary: dict, out: Path) -> bool:
    """summary.json and success_by_turn.png in the results folder; False: no matplotlib, no plot."""
    summary["out"] = str(out)
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    try:
        plot(summary, out / "success_by_turn.png")
    except ImportError:
        return False
    return True


def plot(summary: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ks = list(range(1, summary["turns"] + 1))
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot(ks, [100 * x for x in summary["success_by_turn"]], marker="o",
            label=f"N={summary['n']}, {summary['select']}")
    ax.set_xlabel("turn")
    ax.set_ylabel("success (%)")
    ax.set_xticks(ks)
    count = summary.get("problems", summary.get("cases"))
    ax.set_title(f"{summary['benchmark']}: {count} {'problems' if 'problems' in summary else 'cases'}")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
