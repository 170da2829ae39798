"""Stage 7: the expert-iteration round loop, resumable stage by stage, with a manifest.

Run folder layout::

    OUT/round-K/rollouts.jsonl    every answer of the round's rollouts, with test outcomes
    OUT/round-K/verifier.gguf     verifier trained on the rollouts of rounds 1..K
    OUT/round-K/verifier-lora.gguf  the same verifier as a LoRA adapter over the base GGUF
    OUT/round-K/sft.jsonl         relabeled SFT examples (aggregated)
    OUT/round-K/generator.gguf    generator fine-tuned on them
    OUT/generator.gguf, OUT/verifier.gguf, OUT/verifier-lora.gguf   the last round's models
    OUT/manifest.json             versions, seeds, settings, counts, times, accuracies

A stage whose output exists is skipped, so an interrupted run continues where it stopped.
"""

from __future__ import annotations

import json
import platform
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from mucode_cli.errors import UserError
from mucode_cli.records import read_jsonl
from mucode_cli.writeback import write_atomic

from .batching import SharedGenerator
from .config import TrainConfig
from .data import bce_rows, bt_pairs, label, relabel, score_key
from .distributed import is_main, wait, world_size
from .rollouts import pick_backend, run_rollouts


def _versions() -> dict:
    import importlib.metadata as md

    out = {"python": platform.python_version()}
    for name in ("mucode", "llama-cpp-python", "torch", "transformers", "peft", "accelerate", "gguf"):
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            pass
    return out


class Manifest:
    """Only the main process writes it; the others keep an in-memory copy."""

    def __init__(self, path: Path, config: TrainConfig, writer: bool = True, world_size: int = 1):
        self.path, self.writer = path, writer
        self.data = json.loads(path.read_text()) if path.exists() else {}
        self.data.update({"config": asdict(config), "versions": _versions(), "processes": world_size})
        self.data.setdefault("rounds", {})
        self.save()

    def round(self, k: int) -> dict:
        return self.data["rounds"].setdefault(str(k), {})

    def save(self) -> None:
        if not self.writer:
            return
        write_atomic(self.path, json.dumps(self.data, indent=2))


def release(accelerator) -> None:
    """Give back a finished stage's model and optimizer memory before the next stage loads
    its own (on a GPU the caching allocator would otherwise keep it)."""
    import gc

    gc.collect()
    if accelerator is not None:
        accelerator.free_memory()  # drops accelerate's references to prepared models and optimizers
    try:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    except ImportError:
        pass


def rollout_generator(backend: str, path: Path, cfg: TrainConfig) -> SharedGenerator:
    """The generator the rollouts share: llama.cpp on the GGUF, or transformers on its weights."""
    if backend == "transformers":
        from .hf import load_base
        from .hf_generate import TransformersGenerator

        model, tok = load_base(str(path), cfg.device)
        return SharedGenerator(TransformersGenerator(model, tok))
    from mucode_cli.engine import load_model
    from mucode_cli.sandbox import runs_in_flight

    return SharedGenerator(load_model(str(path), n_ctx=8192, busy=runs_in_flight))


def merge_parts(rdir: Path) -> None:
    """Fold the per-process rollout files into rollouts.jsonl (main process only)."""
    parts = sorted(rdir.glob("rollouts.part*.jsonl"))
    if not parts:
        return
    with open(rdir / "rollouts.jsonl", "a", encoding="utf-8") as f:
        for part in parts:
            f.write("".join(json.dumps(rec) + "\n" for rec in read_jsonl(part)))
    for part in parts:
        part.unlink()


def require_extras() -> None:
    """Training needs the train extras; say which one is missing before anything starts."""
    try:
        import peft  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as e:
        raise UserError(f"training needs the train extras ({e.name} is missing): pip install 'mucode[train]'") from None


@dataclass
class _Run:
    """What every stage of one training run needs."""

    cfg: TrainConfig
    accelerator: object
    say: Callable[[str], None]
    out: Path
    manifest: Manifest
    tasks: list
    base_file: Path  # the base as GGUF: the template of every export
    sandbox: object

    @property
    def main(self) -> bool:
        return is_main(self.accelerator)


def run_training(cfg: TrainConfig, say: Callable[[str], None] = print, accelerator=None) -> dict:
    """Expert iteration (METHOD.md): per round, rollouts -> verifier -> relabel -> SFT -> GGUF.
    Each stage owns its "done?" check, so a run cut short resumes where it stopped."""
    run = _start(cfg, say, accelerator)
    generator_path = run.base_file
    all_records: list[dict] = []
    for k in range(1, cfg.rounds + 1):
        rdir = run.out / f"round-{k}"
        rdir.mkdir(exist_ok=True)
        info = run.manifest.round(k)
        records = _rollouts(run, k, rdir, info, generator_path)
        all_records.extend(records)
        scores = _verifier(run, k, rdir, info, all_records)
        examples = _relabel(run, rdir, info, all_records, scores)
        generator_path = _sft(run, k, rdir, info, examples, generator_path)
    return _publish(run)


def _start(cfg: TrainConfig, say: Callable[[str], None], accelerator) -> _Run:
    """Check what can fail before anything is written; the base as GGUF (once)."""
    import torch

    from bench import mbpp
    from mucode_cli.sandbox import Sandbox, SandboxLimits

    from .hf import base_gguf, load_base
    from .hf_export import folder_of, hf_to_gguf

    if not is_main(accelerator):
        say = lambda _msg: None  # noqa: E731  (one voice, not one per process)
    if cfg.device.startswith("cuda") and not torch.cuda.is_available():
        raise UserError("--device cuda: no CUDA device is available")
    base_file = base_gguf(cfg.base)
    folder = folder_of(cfg.base) if base_file is None else None  # fails here if it is not one
    tasks = mbpp.load(cfg.data, cfg.split)
    if cfg.problems:
        tasks = tasks[: cfg.problems]
    if not tasks:
        raise UserError(f"no training problems in {cfg.data} (split {cfg.split})")
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(out / "manifest.json", cfg, is_main(accelerator), world_size(accelerator))
    if base_file is None:
        # A transformers base is written once as GGUF: the template of every export after it.
        base_file = out / "base.gguf"
        if is_main(accelerator) and not base_file.exists():
            say(f"writing {cfg.base} as {base_file} (once)")
            model, tok = load_base(cfg.base, "cpu")
            manifest.data["base_gguf"] = hf_to_gguf(model, tok, folder, base_file,
                                                    "q8_0" if cfg.quant == "q8_0" else "f16")
            manifest.save()
            del model
        wait(accelerator)
    torch.manual_seed(cfg.seed)
    return _Run(cfg, accelerator, say, out, manifest, tasks, base_file, Sandbox(SandboxLimits(timeout=cfg.timeout)))


def _rollouts(run: _Run, k: int, rdir: Path, info: dict, generator_path: Path) -> list[dict]:
    """1. Rollouts with the current generator; each process takes its share of the problems."""
    from mucode_cli.core import SampleParams

    cfg, acc = run.cfg, run.accelerator
    t = time.monotonic()
    if not (rdir / "rollouts.done").exists():
        rank, world = (0, 1) if acc is None else (acc.process_index, acc.num_processes)
        part = rdir / ("rollouts.jsonl" if world == 1 else f"rollouts.part{rank}.jsonl")
        backend = pick_backend(cfg.rollout_backend, cfg.device)
        run.say(f"round {k}: rollouts with {generator_path.name} on {len(run.tasks)} problems "
                f"({backend}, {world} process{'es' if world > 1 else ''})")
        gen = rollout_generator(backend, generator_path, cfg)
        params = SampleParams(temperature=cfg.temperature, max_tokens=cfg.max_tokens)
        workers = cfg.rollout_workers or (64 if backend == "transformers" else 2)
        try:
            run_rollouts(run.tasks[rank::world], gen, run.sandbox, part, cfg.rollouts, cfg.turns, params,
                         cfg.seed + k, k, workers=workers)
        finally:
            gen.close()
            del gen  # free the rollout model before training
            release(acc)
        wait(acc)
        if run.main:
            merge_parts(rdir)
            (rdir / "rollouts.done").write_text("")
    wait(acc)
    records = read_jsonl(rdir / "rollouts.jsonl")
    info.setdefault("seconds", {}).setdefault("rollouts", round(time.monotonic() - t, 1))
    solved = {r["task_id"] for r in records if label(r)}
    info["rollout_answers"] = len(records)
    info["rollout_success"] = round(len(solved) / len(run.tasks), 4)
    return records


def _verifier(run: _Run, k: int, rdir: Path, info: dict, all_records: list[dict]) -> dict[str, float]:
    """2-3. Verifier data (aggregated over rounds), training from the base, and the scores of
    every answer so far (per problem and code: the same code can be right for one problem and
    wrong for another)."""
    from .export import export_gguf, export_lora_adapter
    from .hf import add_lora, load_base, weights_dtype
    from .verifier_train import train_verifier

    cfg, acc = run.cfg, run.accelerator
    t = time.monotonic()
    pairs = bt_pairs(all_records, cfg.pairs_per_problem, cfg.seed + k)
    rows = bce_rows(all_records)
    info["verifier_data"] = {"pairs": len(pairs), "rows": len(rows), "positives": sum(r["label"] for r in rows)}
    problem_of = {score_key(r["task_id"], r["code"]): r["problem"] for r in all_records if r.get("code")}
    keys = sorted(problem_of)
    scores_path = rdir / "scores.json"
    scores = json.loads(scores_path.read_text()) if scores_path.exists() else None
    if scores is not None and any("\x00" not in key for key in scores):
        scores = None  # written by mucode 0.1, keyed by code alone: score again
    if scores is None or not (rdir / "verifier.gguf").exists():  # else finished earlier: reuse
        run.say(f"round {k}: verifier on {len(pairs)} pairs / {len(rows)} answers")
        vmodel, tok = load_base(cfg.base, cfg.device, grad_checkpointing=cfg.grad_checkpointing)
        vmodel = add_lora(vmodel, cfg.lora_r, cfg.seed)
        scorer, info["verifier"] = train_verifier(
            vmodel, tok, pairs, rows, loss=cfg.verifier_loss, lr=cfg.verifier_lr, batch_size=cfg.batch_size,
            grad_accum=cfg.grad_accum, epochs=cfg.epochs, max_steps=cfg.steps, seed=cfg.seed + k,
            max_length=cfg.max_length, accelerator=acc, say=run.say)
        to_score = [(problem_of[key], key.split("\x00", 1)[1]) for key in keys]
        scores = dict(zip(keys, scorer.score_all(to_score))) if keys else {}
        if run.main:
            # The LoRA alone first (merging folds it into the weights): a few MB that apply
            # over the base's own GGUF, so a laptop holds one copy of the model.
            info["verifier_adapter"] = export_lora_adapter(vmodel, run.base_file, rdir / "verifier-lora.gguf")
            # Merged in fp32: a LoRA delta added to bf16 weights would mostly round away.
            merged = vmodel.float().merge_and_unload()
            info["verifier_export"] = export_gguf(merged, run.base_file, rdir / "verifier.gguf", quant=cfg.quant,
                                                  base_dtype=weights_dtype(cfg.device))
            scores_path.write_text(json.dumps(scores))
        del vmodel
        release(acc)
        info.setdefault("seconds", {})["verifier"] = round(time.monotonic() - t, 1)
    wait(acc)
    return scores


def _relabel(run: _Run, rdir: Path, info: dict, all_records: list[dict], scores: dict[str, float]) -> list[dict]:
    """4. Relabel with the local search expert (cheap: always redone)."""
    examples = relabel(all_records, scores, run.cfg.expert, run.cfg.keep_unsolved)
    if run.main:
        (rdir / "sft.jsonl").write_text("".join(json.dumps(e) + "\n" for e in examples))
    info["sft_examples"] = len(examples)
    run.manifest.save()
    return examples


def _sft(run: _Run, k: int, rdir: Path, info: dict, examples: list[dict], generator_path: Path) -> Path:
    """5-6. SFT of the generator from the base (or the previous round) and its export."""
    from .export import export_gguf
    from .hf import add_lora, load_base, weights_dtype
    from .sft import sft

    cfg, acc = run.cfg, run.accelerator
    t = time.monotonic()
    if not (rdir / "generator.gguf").exists():
        start_from = cfg.base if (k == 1 or not cfg.continue_from_previous) else str(generator_path)
        run.say(f"round {k}: SFT on {len(examples)} relabeled turns")
        gmodel, tok = load_base(start_from, cfg.device, grad_checkpointing=cfg.grad_checkpointing,
                                trains_all_weights=cfg.full)
        if not cfg.full:
            gmodel = add_lora(gmodel, cfg.lora_r, cfg.seed)
        info["sft"] = sft(gmodel, tok, examples, lr=cfg.lr, batch_size=cfg.batch_size, grad_accum=cfg.grad_accum,
                          epochs=cfg.epochs, max_steps=cfg.steps, seed=cfg.seed + k, max_length=cfg.max_length,
                          accelerator=acc, say=run.say)
        if run.main:
            merged = gmodel.float() if cfg.full else gmodel.float().merge_and_unload()
            template = run.base_file if start_from == cfg.base else generator_path
            info["generator_export"] = export_gguf(merged, template, rdir / "generator.gguf", quant=cfg.quant,
                                                   base_dtype=weights_dtype(cfg.device, cfg.full),
                                                   name_suffix=" (mucode SFT)")
        del gmodel
        release(acc)
        info.setdefault("seconds", {})["sft"] = round(time.monotonic() - t, 1)
    run.manifest.save()
    wait(acc)
    return rdir / "generator.gguf"


def _publish(run: _Run) -> dict:
    """The last round's models as OUT/generator.gguf and OUT/verifier.gguf."""
    if run.main:
        last = run.out / f"round-{run.cfg.rounds}"
        for name in ("generator.gguf", "verifier.gguf", "verifier-lora.gguf"):
            src, dst = last / name, run.out / name
            if not src.exists():  # the adapter: not written by runs before it existed
                continue
            if not dst.exists() or dst.stat().st_mtime_ns != src.stat().st_mtime_ns:
                shutil.copy2(src, dst)  # keeps the mtime: a resumed run sees nothing new
    run.manifest.data["outputs"] = {"generator": str(run.out / "generator.gguf"),
                                    "verifier": str(run.out / "verifier.gguf")}
    if (run.out / "verifier-lora.gguf").exists():
        run.manifest.data["outputs"]["verifier_adapter"] = str(run.out / "verifier-lora.gguf")
        run.manifest.data["outputs"]["adapter_base"] = str(run.base_file)  # the model it applies over
    run.manifest.save()
    return run.manifest.data
