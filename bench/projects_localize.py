"""Does ``fix`` aim at the right function? The real-projects bugs, without a model.

For each bug of the catalog: the traced baseline run and the target choice that ``fix`` makes
(``prepare``), and whether the lines the bug changed lie in a chosen target, or in one of the
next suspects that answers may also change. Seconds per bug, no model loaded: the quick check
for a change to localization, on the dev and the test bugs alike.

    python -m bench.projects_localize --split all --work /tmp/pw [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from mucode_cli.repair_env import SUSPECTS

from bench.projects import CATALOG, apply_bug, default_cache, load_catalog, restore, select_bugs, \
    setup_project, working_tree


def bug_lines(source: str, buggy: str) -> set[int]:
    """The lines of the buggy text that differ from the original (1-based)."""
    import difflib

    out: set[int] = set()
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, source.splitlines(), buggy.splitlines()).get_opcodes():
        if tag != "equal":
            out.update(range(j1 + 1, max(j2, j1 + 1) + 1))
    return out


def localize_case(tree: Path, bug, tests: tuple[str, ...], venv: Path | None, original: str):
    """``fix``'s prepare on the buggy tree, as ``mucode fix`` runs it there (the venv's Python),
    and the functions the bug's changed lines are in."""
    from mucode_cli.fix import prepare
    from mucode_cli.project import find_interpreter
    from mucode_cli.sandbox import Sandbox, SandboxLimits
    from mucode_cli.splice import enclosing_function, function_spans

    buggy = (tree / bug.file).read_text(encoding="utf-8")
    old = os.environ.get("VIRTUAL_ENV")
    if venv is not None:
        os.environ["VIRTUAL_ENV"] = str(venv)
    try:
        interp = find_interpreter(tree, None)
        sandbox = Sandbox(SandboxLimits(timeout=60), python=None if interp.how == "mucode's own" else interp)
        report = prepare(tree / bug.file, [tree / t for t in tests], sandbox, root=tree)
    finally:
        if old is None:
            os.environ.pop("VIRTUAL_ENV", None)
        else:
            os.environ["VIRTUAL_ENV"] = old
    spans = function_spans(buggy)
    changed = bug_lines(original, buggy)
    return report, {enclosing_function(spans, ln) for ln in changed} - {None}, _line_rank(report, sandbox, changed)


def _line_rank(report, sandbox, changed: set[int]) -> int | None:
    """Where the first changed line comes in the order turn 1's one-line proposals are made
    in (1-based; None: no proposal touches it), so the cloze limit can be weighed."""
    from mucode_cli.repair_env import RepairEnvironment

    if report.already_passing or not report.targets:
        return None
    env = RepairEnvironment(report.inputs, report.targets, report.before, sandbox, suspicion=report.suspicion)
    for k, tag in enumerate(env.prompts.cloze_order()):
        if env.prompts.module_line(tag) in changed:
            return k + 1
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=CATALOG, help="the catalog (default: bench/project_bugs.toml)")
    ap.add_argument("--split", default="all", choices=["dev", "test", "all"])
    ap.add_argument("--projects", default=None)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    catalog = load_catalog(args.data)
    bugs = select_bugs(catalog, args.split, args.projects.split(",") if args.projects else None, None)
    cache = args.work or default_cache()
    rows = []
    for name in dict.fromkeys(b.project for b in bugs):
        p = catalog.projects[name]
        pristine, venv = setup_project(p, catalog.root, cache)
        tree = working_tree(p, pristine, venv, cache)
        for bug in (b for b in bugs if b.project == name):
            restore(tree, pristine)
            original = (pristine / bug.file).read_text(encoding="utf-8")
            (tree / bug.file).write_text(apply_bug(original, bug), encoding="utf-8")
            try:
                report, where, line_rank = localize_case(tree, bug, bug.tests or p.tests, venv, original)
            finally:
                restore(tree, pristine)
            if report.already_passing:
                continue
            targets = report.targets
            suspects = report.suspicion.top(len(targets) + SUSPECTS) if report.suspicion else []
            row = {"bug": bug.id, "split": bug.split, "where": sorted(where), "targets": targets,
                   "hit": bool(where & set(targets)), "editable": bool(where & (set(targets) | set(suspects))),
                   "rank": next((i + 1 for i, (q, _) in enumerate(report.suspicion.functions) if q in where),
                                None) if report.suspicion else None,
                   "line_rank": line_rank,
                   "baseline_seconds": round(report.timing.get("baseline", 0.0), 1)}
            rows.append(row)
            if not args.json:
                print(f"{bug.id:40s} {'hit ' if row['hit'] else 'MISS'} targets={','.join(targets)} "
                      f"bug in {','.join(row['where'])} (rank {row['rank']}, line {row['line_rank']})", flush=True)
    summary = {"bugs": len(rows), "hit": sum(r["hit"] for r in rows), "editable": sum(r["editable"] for r in rows),
               "by_split": {s: {"bugs": sum(r["split"] == s for r in rows),
                                "hit": sum(r["hit"] for r in rows if r["split"] == s)} for s in ("dev", "test")}}
    if args.json:
        print(json.dumps({"summary": summary, "cases": rows}, indent=2))
    else:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
