"""Stage 1: R rollouts per training problem through the same search loop and sandbox as fix.

Each rollout is a search with N=1 per turn and feedback from the public tests; every
answer is recorded with its public and private outcome. Rollouts run in parallel
threads over problems and rollouts (``workers``), all sharing one generator; under
several training processes each process takes its own share of the problems.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Callable

from mucode_cli.tasks import BenchEnvironment, BenchTask
from mucode_cli.core import Executor, Generator, SampleParams
from mucode_cli.records import candidate_record, read_jsonl
from mucode_cli.search import Search, SearchConfig
from mucode_cli.verifier import NullVerifier

BACKENDS = ("auto", "llama", "transformers")


def pick_backend(name: str, device: str) -> str:
    """auto: transformers when a GPU is there and llama.cpp cannot use it, else llama.cpp."""
    if name not in BACKENDS:
        raise ValueError(f"--rollout-backend must be one of {', '.join(BACKENDS)} (got {name!r})")
    if name != "auto":
        return name
    if not device.startswith("cuda"):
        return "llama"
    import llama_cpp

    return "llama" if llama_cpp.llama_supports_gpu_offload() else "transformers"


def one_rollout(task: BenchTask, generator: Generator, sandbox: Executor, r: int, turns: int,
                params: SampleParams, seed: int, round_index: int) -> list[dict]:
    env = BenchEnvironment(task, sandbox)
    cfg = SearchConfig(n=1, turns=turns, select="pt", seed=seed * 100_003 + r, params=params)
    result = Search(generator, NullVerifier(), cfg).run(env)
    out = []
    for t in result.turns:
        c = t.choice
        out.append({**candidate_record(c), "task_id": task.task_id, "round": round_index, "rollout": r,
                    "problem": env.problem, "messages": t.messages})
    return out


def finished_tasks(folder: Path) -> set[str]:
    done = set()
    for part in sorted(folder.glob("rollouts*.jsonl")):
        done |= {rec["task_id"] for rec in read_jsonl(part)}
    return done


def run_rollouts(tasks: list[BenchTask], generator: Generator, sandbox: Executor, path: Path, rollouts: int,
                 turns: int, params: SampleParams, seed: int, round_index: int, workers: int = 1,
                 progress: Callable[[BenchTask], None] | None = None) -> None:
    """Append the rollouts of ``tasks`` to ``path``, one problem's lines at a time.

    Resumable: problems found in any ``rollouts*.jsonl`` beside ``path`` are skipped, so
    a run interrupted under a different number of processes still resumes.
    """
    done = finished_tasks(path.parent)
    todo = [t for t in tasks if t.task_id not in done]
    left = {t.task_id: rollouts for t in todo}
    lines: dict[str, list[dict]] = {t.task_id: [] for t in todo}
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="rollout")
    try:
        with open(path, "a", encoding="utf-8") as f:
            jobs = {pool.submit(one_rollout, t, generator, sandbox, r, turns, params, seed, round_index): t
                    for t in todo for r in range(rollouts)}
            for fut in as_completed(jobs):
                task = jobs[fut]
                lines[task.task_id].extend(fut.result())
                left[task.task_id] -= 1
                if left[task.task_id]:
                    continue
                recs = sorted(lines.pop(task.task_id), key=lambda x: (x["rollout"], x["turn"]))
                f.write("".join(json.dumps(rec) + "\n" for rec in recs))
                f.flush()  # a finished problem survives an interruption
                if progress:
                    progress(task)
    except BaseException:
        # Ctrl-C or a failed rollout: do not sit through the queued rollouts.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
