"""``mucode bench repair``: does ``fix`` repair realistic bugs?

HumanEval and MBPP measure writing code from a description; ``fix`` repairs code that
exists. Here each case is a working reference solution with one realistic mutation
(``bench/mutants.py``) that its tests catch, written out as a module and a pytest file and
run through exactly the path a user's ``mucode fix`` takes: prepare (run the tests, pick the
target functions) -> search -> splice. A folder of the user's own cases works the same way.
"""

from __future__ import annotations

import ast
import json
import random
import re
import statistics
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from mucode_cli.core import Executor, Generator, Verifier
from mucode_cli.errors import UserError
from mucode_cli.fix import FixReport, prepare, run_fix
from mucode_cli.repair_style import RepairStyle
from mucode_cli.sandbox import Sandbox, SandboxLimits
from mucode_cli.records import turns_record
from mucode_cli.search import SearchConfig
from mucode_cli.splice import diff_size
from mucode_cli.writeback import write_atomic

from . import humaneval, mbpp
from .mutants import ordered_mutants
from .runner import error_bars, percentile, prepare_out, run_resumable

SOURCES = ("mbpp", "humaneval", "cases")


@dataclass
class RepairCase:
    case_id: str  # "MBPP/12", "HumanEval/3" (with "#k" past the first mutant), or a folder name
    origin: str
    module: str  # file names inside the case folder
    tests: str
    module_source: str
    tests_source: str
    kind: str = ""  # mutation kind; "" for a user's own case
    function: str = ""  # the function the mutation is in
    line: int = 0
    description: str = ""
    reference: str = ""  # the module before the mutation


@dataclass
class RepairBenchConfig:
    benchmark: str
    source: str
    data: str
    split: str
    model: str
    verifier: str
    n: int
    turns: int
    temperature: float
    select: str
    seed: int
    searches: int
    max_tokens: int
    mutants_per_problem: int
    full_search: bool
    variant: dict = field(default_factory=dict)  # the --variant overrides
    settings: dict = field(default_factory=dict)  # every setting in effect (style, sampling, search)
    escalate: str | None = None  # the cascade's stronger model (fix --escalate)

    def __post_init__(self):
        """The one check of a repair benchmark's settings; an empty ``source`` is inferred from
        ``data``: a folder holds cases, a file is MBPP."""
        if not self.source:
            if not self.data:
                raise UserError("bench repair needs --data (an MBPP .jsonl file or a folder of cases) "
                                "or --source humaneval")
            self.source = "cases" if Path(self.data).is_dir() else "mbpp"
        if self.source not in SOURCES:
            raise UserError(f"--source must be one of {', '.join(SOURCES)} (got {self.source!r})")
        if self.source in ("mbpp", "cases") and not self.data:
            raise UserError(f"--source {self.source} needs --data")
        if self.data and not Path(self.data).exists():
            raise UserError(f"--data not found: {self.data}")
        if self.searches < 1 or self.mutants_per_problem < 1:
            raise UserError(f"searches and mutants per problem must be at least 1 "
                            f"(got {self.searches}, {self.mutants_per_problem})")


# -- problems: a reference module and its tests ---------------------------------------------

@dataclass
class Problem:
    origin: str
    module: str
    reference: str
    tests_source: str


def _module_name(name: str) -> str:
    """A file name for the module: the function's name, unless that would shadow a stdlib module."""
    stem = re.sub(r"\W", "_", name).lower().strip("_") or "solution"
    if stem in sys.stdlib_module_names or stem in ("pytest", "conftest") or stem.startswith("test"):
        stem += "_impl"
    return stem


def _parse(source: str) -> ast.Module:
    with warnings.catch_warnings():  # MBPP code has "\w" in plain strings: not our warning to show
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return ast.parse(source)


def _defined_names(source: str) -> list[str]:
    tree = _parse(source)
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def _assert_test_file(module: str, names: list[str], setup: str, asserts: list[str]) -> str:
    """A pytest file: one test per assert, importing the module's names as users do.

    Names that pytest would itself collect (``test_*``) are imported inside each test.
    """
    top = [n for n in names if not n.lower().startswith("test")]
    local = [n for n in names if n.lower().startswith("test")]
    lines = []
    if setup.strip():
        lines.append(setup.strip())
    if top:
        lines.append(f"from {module} import {', '.join(top)}")
    lines.append("")
    for i, a in enumerate(asserts):
        lines.append("")
        lines.append(f"def test_{i + 1}():")
        if local:
            lines.append(f"    from {module} import {', '.join(local)}")
        lines.extend("    " + line for line in a.strip().splitlines())
    return "\n".join(lines) + "\n"


def mbpp_problems(data: str | None, split: str) -> list[Problem]:
    out = []
    for row in mbpp.load_rows(data, split):
        code = row["code"].expandtabs(4) if "\t" in row["code"] else row["code"]
        try:
            names = _defined_names(code)
        except SyntaxError:
            continue  # a few unsanitized references are Python 2
        called = [n for n in names if any(re.search(rf"\b{re.escape(n)}\s*\(", t) for t in row["test_list"])]
        if not called:
            continue
        module = _module_name(called[0])
        tests = _assert_test_file(module, names, row["test_setup_code"], row["test_list"])
        out.append(Problem(f"MBPP/{row['task_id']}", module, code.rstrip() + "\n", tests))
    return out


def humaneval_problems(data: str | None) -> list[Problem]:
    out = []
    for row in humaneval.load_rows(data):
        module = _module_name(row["entry_point"])
        ref = row["prompt"] + row["canonical_solution"]
        tests = (f"from {module} import {row['entry_point']}\n\n{row['test'].strip()}\n\n\n"
                 f"def test_{row['entry_point']}():\n    check({row['entry_point']})\n")
        out.append(Problem(row["task_id"], module, ref.rstrip() + "\n", tests))
    return out


# -- cases: mutants the tests catch, or a user's folder -------------------------------------

def _fails_cleanly(sandbox: Executor, module: str, source: str, tests: str) -> tuple[bool, bool]:
    """(passed, timed_out) of the tests against ``source``."""
    r = sandbox.run_pytest(None, {f"{module}.py": source, f"test_{module}.py": tests}, [f"test_{module}.py"],
                           plugins=False)
    return r.passed, r.timed_out


def make_cases(problems: list[Problem], seed: int, per_problem: int = 1, sandbox: Executor | None = None,
               max_tries: int = 12, workers: int = 2,
               progress: Callable[[Problem, int], None] | None = None) -> list[RepairCase]:
    """Up to ``per_problem`` mutants of each problem that its tests catch (not by a timeout),
    for references that pass their own tests. Seeded per problem: the same seed gives the
    same cases whatever the other problems are."""
    sandbox = sandbox or Sandbox(SandboxLimits(timeout=10))

    def one(p: Problem) -> list[RepairCase]:
        ok, _ = _fails_cleanly(sandbox, p.module, p.reference, p.tests_source)
        found: list[RepairCase] = []
        if ok:
            rng = random.Random(f"{seed}/{p.origin}")
            for m in ordered_mutants(p.reference, rng)[:max_tries * per_problem]:
                passed, timed_out = _fails_cleanly(sandbox, p.module, m.source, p.tests_source)
                if passed or timed_out:
                    continue
                cid = p.origin if not found else f"{p.origin}#{len(found) + 1}"
                found.append(RepairCase(cid, p.origin, f"{p.module}.py", f"test_{p.module}.py", m.source,
                                        p.tests_source, m.kind, m.function, m.line, m.description, p.reference))
                if len(found) >= per_problem:
                    break
        if progress:
            progress(p, len(found))
        return found

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return [c for cases in pool.map(one, problems) for c in cases]


def _pick_module(folder: Path, tests: Path) -> Path:
    mods = [p for p in sorted(folder.glob("*.py")) if p != tests and p.name != "conftest.py"
            and (not p.name.startswith("test_") and not p.name.endswith("_test.py") or tests.name == f"test_{p.name}")]
    if len(mods) == 1:
        return mods[0]
    imported = {n.split(".")[0] for node in ast.walk(ast.parse(tests.read_text(encoding="utf-8")))
                for n in ([a.name for a in node.names] if isinstance(node, ast.Import)
                          else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])}
    hits = [m for m in mods if m.stem in imported]
    if len(hits) == 1:
        return hits[0]
    raise UserError(f"case folder {folder}: cannot tell which file to repair (put one module and one test_*.py in it)")


# What a case folder's case.json records of its case: all text but the line number.
_CASE_META = ("case_id", "origin", "module", "tests", "kind", "function", "line", "description", "reference")


def _case_meta(path: Path) -> dict:
    """A case folder's ``case.json`` (optional): what ``materialize`` wrote, or a user's own."""
    if not path.is_file():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UserError(f"{path} is not JSON ({e})") from None
    if not isinstance(meta, dict):
        raise UserError(f"{path} must hold a JSON object")
    for k in _CASE_META:
        if k in meta and not isinstance(meta[k], int if k == "line" else str):
            raise UserError(f"{path}: {k} must be {'a whole number' if k == 'line' else 'text'}")
    return meta


def folder_cases(root: Path) -> list[RepairCase]:
    """A user's own cases: one sub-folder per case with a module and a ``test_*.py`` for it."""
    if not root.is_dir():
        raise UserError(f"cases folder not found: {root}")
    out = []
    subs = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "__")))
    for sub in sorted(subs, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name)]):
        meta = _case_meta(sub / "case.json")
        tests = sorted(sub.glob("test_*.py")) or sorted(sub.glob("*_test.py"))
        if len(tests) == 2 and tests[1].name == f"test_{tests[0].name}":
            tests = tests[1:]  # the module itself is named test_*.py (MBPP/19's test_duplicate)
        if meta.get("tests") and (sub / meta["tests"]).is_file():
            tests = [sub / meta["tests"]]
        if len(tests) != 1:
            raise UserError(f"case folder {sub}: needs exactly one test_*.py file (found {len(tests)})")
        module = sub / meta["module"] if meta.get("module") and (sub / meta["module"]).is_file() \
            else _pick_module(sub, tests[0])
        # The written id where the folder still bears it (not where a copy was renamed).
        case_id = meta["case_id"] if case_folder_name(meta.get("case_id", "")) == sub.name else sub.name
        out.append(RepairCase(case_id, meta.get("origin", sub.name), module.name, tests[0].name,
                              module.read_text(encoding="utf-8"), tests[0].read_text(encoding="utf-8"),
                              meta.get("kind", ""), meta.get("function", ""), meta.get("line", 0),
                              meta.get("description", ""), meta.get("reference", "")))
    if not out:
        raise UserError(f"no case folders in {root} (each needs a module and a test_*.py)")
    return out


def case_folder_name(case_id: str) -> str:
    """A case's folder name, which is also its identity across runs: a run from the cases
    folder another run wrote pairs with it even where the id is not a valid folder name."""
    return re.sub(r"[^\w.-]", "_", case_id)


def _case_dir(out: Path, case: RepairCase) -> Path:
    return out / "cases" / case_folder_name(case.case_id)


def _read_folder(root: Path, case: RepairCase) -> Path:
    """Where folder_cases read ``case``: its id is the folder's name or was written as one."""
    return root / case.case_id if (root / case.case_id).is_dir() else root / case_folder_name(case.case_id)


def materialize(case: RepairCase, out: Path) -> Path:
    """The case as files (``out/cases/<id>/``): the module, its tests and ``case.json``, which
    is also the layout of a user's cases folder, so a set of cases can be rerun with --data."""
    folder = _case_dir(out, case)
    folder.mkdir(parents=True, exist_ok=True)
    meta = {k: getattr(case, k) for k in _CASE_META}
    for name, text in ((case.module, case.module_source), (case.tests, case.tests_source),
                       ("case.json", json.dumps(meta, indent=1) + "\n")):
        p = folder / name
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8")
    return folder


def load_or_make_cases(config: RepairBenchConfig, out: Path, limit: int | None, problems_filter: list[str] | None,
                       say: Callable[[str], None] = lambda m: None) -> list[RepairCase]:
    """The cases of this run, made once and kept in ``out/cases.jsonl`` (a resumed run reuses them).

    Each problem's mutants are seeded by the problem alone, so a later run with a larger
    --limit makes cases for the further problems only and gets the same set it would have
    got at once; ``out/cases.json`` records how many problems the file covers."""
    if config.source == "cases":
        cases = folder_cases(Path(config.data))
        if problems_filter:
            cases = [c for c in cases if c.case_id in problems_filter or c.origin in problems_filter]
        return cases[:limit] if limit is not None else cases
    path, meta_path = out / "cases.jsonl", out / "cases.json"
    cases = [RepairCase(**json.loads(line)) for line in path.read_text().splitlines() if line.strip()] \
        if path.exists() else []
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    covered = meta.get("problems", float("inf") if path.exists() else 0)  # no record: use the file as it is
    if path.exists() and (problems_filter or None) != meta.get("filter"):
        # Made for other --problems: run the ones asked for among them, make nothing new.
        covered = float("inf")
        if problems_filter:
            cases = [c for c in cases if c.case_id in problems_filter or c.origin in problems_filter
                     or c.origin.rsplit("/", 1)[-1] in problems_filter]
    if limit is not None and len(cases) >= limit or covered == float("inf"):
        return cases[:limit] if limit is not None else cases
    problems = mbpp_problems(config.data, config.split) if config.source == "mbpp" \
        else humaneval_problems(config.data or None)
    if problems_filter:
        wanted = set(problems_filter)
        problems = [p for p in problems if p.origin in wanted or p.origin.rsplit("/", 1)[-1] in wanted]
    # Make a few more than asked: some problems give no mutant the tests catch.
    upto = len(problems) if limit is None else min(len(problems), max(covered, int(limit * 1.3) + 5))
    while upto > covered:
        say(f"making mutants of {upto - covered} problems…")
        cases += make_cases(problems[covered:upto], config.seed, config.mutants_per_problem)
        covered = upto
        if limit is None or len(cases) >= limit:
            break
        upto = min(len(problems), upto + limit - len(cases) + 5)
    for target, text in ((path, "".join(json.dumps(asdict(c)) + "\n" for c in cases)),
                         (meta_path, json.dumps({"problems": covered, "seed": config.seed,
                                                 "filter": problems_filter or None}) + "\n")):
        write_atomic(target, text)
    return cases[:limit] if limit is not None else cases


# -- running -------------------------------------------------------------------------------

def run_case(case: RepairCase, folder: Path, generator: Generator, verifier: Verifier, config: SearchConfig,
             sandbox: Executor, style: RepairStyle, search_index: int = 0,
             escalate: Callable[[], tuple[Generator, Verifier]] | None = None) -> dict:
    """One case through the user's path (prepare -> search -> splice); one JSON record.
    ``escalate``: the cascade, as ``run_fix`` takes it."""
    start = time.monotonic()
    rec: dict = {"case_id": case.case_id, "search": search_index, "origin": case.origin, "kind": case.kind,
                 "description": case.description, "function": case.function}
    try:
        # The case folder is the project, wherever the results folder lives.
        report = prepare(folder / case.module, [folder / case.tests], sandbox, root=folder)
    except UserError as e:
        return {**rec, "error": str(e), "fixed": False, "success_by_turn": [False] * config.turns,
                "seconds": round(time.monotonic() - start, 3)}
    if report.already_passing:
        return {**rec, "error": "the tests already pass", "fixed": False,
                "success_by_turn": [False] * config.turns, "seconds": round(time.monotonic() - start, 3)}
    cfg = SearchConfig(**{**config.__dict__, "params": config.params.__class__(**config.params.__dict__),
                          "seed": config.seed + 1000 * search_index})
    run_fix(report, generator, verifier, cfg, sandbox, style=style, escalate=escalate)
    return {**rec, **_report_fields(report, case, config.turns), "seconds": round(time.monotonic() - start, 3)}


def _report_fields(report: FixReport, case: RepairCase, turns: int) -> dict:
    s = report.search
    solved_at = len(s.turns) if report.fixed else None
    return {
        "targets": report.targets,
        "target_found": not case.function or case.function in report.targets,
        "fixed": report.fixed,
        "solved_turn": solved_at,
        "success_by_turn": [solved_at is not None and solved_at <= k for k in range(1, turns + 1)],
        "diff": report.diff,
        "diff_lines": diff_size(case.module_source, report.new_source) if report.fixed and report.new_source else None,
        "reverted": bool(case.reference) and report.fixed and report.new_source == case.reference,
        "escalated": report.escalated,
        "tokens": s.tokens,
        # What the verifier was shown: with the turns' candidates and their test outcomes a
        # repair run is verifier training data (trainer.value_head.load_results).
        "problem": report.problem,
        "turns": turns_record(s),
    }


def run_repair_benchmark(cases: list[RepairCase], generator: Generator, verifier: Verifier,
                         config: RepairBenchConfig, search_config: SearchConfig, style: RepairStyle,
                         sandbox: Executor, out: Path,
                         progress: Callable[[RepairCase, dict | None], None] | None = None,
                         escalate: Callable[[], tuple[Generator, Verifier]] | None = None) -> list[dict]:
    """Run every (case, search) not yet in ``out/results.jsonl``; return all records of these cases.
    ``escalate``: the cascade (``config.escalate``'s model, loaded once, when first needed)."""
    prepare_out(out, config)
    # A user's cases folder is read in place (run_case never writes to it); made cases are
    # written out so that they can be rerun with --data.
    folders = {c.case_id: _read_folder(Path(config.data), c) if config.source == "cases" else materialize(c, out)
               for c in cases}

    def run(case: RepairCase, s: int) -> dict:
        return run_case(case, folders[case.case_id], generator, verifier, search_config, sandbox, style, s,
                        escalate=escalate)

    return run_resumable(cases, out, config, run, "case_id", lambda c: c.case_id, progress)


def summarize_repair(records: list[dict], config: RepairBenchConfig, seconds: float) -> dict:
    n = len(records)
    turns = config.turns
    by_turn = [sum(r["success_by_turn"][k] for r in records) / n if n else 0.0 for k in range(turns)]
    bars = error_bars(records, turns, key="case_id")
    # The N candidates of each turn; one-line cloze proposals (SearchConfig.cloze) come on top
    # of them and are counted apart, so that the fractions compare with runs without them.
    every = [c for r in records for t in r.get("turns", []) for c in t["candidates"]]
    cands = [c for c in every if c.get("strategy") != "cloze"]
    cloze = [c for c in every if c.get("strategy") == "cloze"]
    first = [c for r in records for c in (r["turns"][0]["candidates"] if r.get("turns") else [])
             if c.get("strategy") != "cloze"]
    first_tested = [c for c in first if c["valid"] and not c.get("unchanged")]
    greedy = [c for c in first if c.get("strategy") == "greedy"]
    secs = [r["seconds"] for r in records]
    missed_turn1 = [r for r in records if not r["success_by_turn"][0]]
    by_kind: dict[str, list[int]] = {}
    for r in records:
        by_kind.setdefault(r.get("kind") or "user", []).append(bool(r["fixed"]))
    fixed = [r for r in records if r["fixed"]]
    fixed_by: dict[str, int] = {}
    for r in fixed:
        last = r["turns"][-1]
        strategy = last["candidates"][last["chosen"]].get("strategy", "sample")
        fixed_by[strategy] = fixed_by.get(strategy, 0) + 1
    return {
        "benchmark": "repair",
        "source": config.source,
        "split": config.split if config.source == "mbpp" else "",
        "cases": len({r["case_id"] for r in records}),
        "searches": config.searches,
        "n": config.n,
        "turns": turns,
        "select": config.select,
        "temperature": config.temperature,
        "variant": config.variant,
        "success_by_turn": [round(x, 4) for x in by_turn],
        "stderr": bars["stderr_by_turn"][-1] if turns else 0.0,
        **bars,
        "later_turns_solved": round(sum(r["fixed"] for r in missed_turn1) / len(missed_turn1), 4) if missed_turn1 else 0.0,
        "median_seconds": round(statistics.median(secs), 2) if secs else 0.0,
        "mean_seconds": round(statistics.mean(secs), 2) if secs else 0.0,
        "p90_seconds": percentile(secs, 0.9, 2),
        "fixes_per_minute": round(len(fixed) / (sum(secs) / 60), 2) if sum(secs) else 0.0,
        "candidates": len(cands),
        "discarded": round(sum(not c["valid"] for c in cands) / len(cands), 4) if cands else 0.0,
        "unchanged": round(sum(bool(c.get("unchanged")) for c in cands) / len(cands), 4) if cands else 0.0,
        "sample_pass_rate_turn1": round(sum(c["passed"] for c in first_tested) / len(first), 4) if first else 0.0,
        "greedy_pass_rate": round(sum(c["passed"] for c in greedy) / len(greedy), 4) if greedy else None,
        "cloze": {"candidates": len(cloze), "changed": round(sum(not c.get("unchanged") for c in cloze) / len(cloze), 4),
                  "passed": sum(bool(c["passed"]) for c in cloze)} if cloze else None,
        "fixed_by_strategy": dict(sorted(fixed_by.items())),
        "target_found": round(sum(bool(r.get("target_found")) for r in records) / n, 4) if n else 0.0,
        "mean_diff_lines_fixed": round(statistics.mean(r["diff_lines"] for r in fixed if r.get("diff_lines") is not None), 2)
        if any(r.get("diff_lines") is not None for r in fixed) else None,
        "reverted": round(sum(bool(r.get("reverted")) for r in records) / n, 4) if n else 0.0,
        "errors": sum(bool(r.get("error")) for r in records),
        "escalated": sum(bool(r.get("escalated")) for r in records),
        "fixed_escalated": sum(bool(r.get("escalated")) and bool(r["fixed"]) for r in records),
        "by_kind": {k: {"cases": len(v), "fixed": round(sum(v) / len(v), 4)} for k, v in sorted(by_kind.items())},
        "tokens": sum(r.get("tokens", 0) for r in records),
        "seconds": round(seconds, 1),
        "model": config.model,
        "verifier": config.verifier,
        "escalate": config.escalate,
    }


def parse_variant(items: list[str]) -> dict:
    """``key=value`` pairs (repeatable or comma-separated) for ablations, values as JSON where they parse."""
    out = {}
    for item in items:
        for part in item.split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise UserError(f"--variant wants key=value (got {part!r})")
            k, v = part.split("=", 1)
            try:
                out[k.strip()] = json.loads(v)
            except json.JSONDecodeError:
                out[k.strip()] = v.strip()
    return out
