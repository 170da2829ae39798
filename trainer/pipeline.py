"""Stage 7: the expert-iteration round loop, resumable stage by stage, with a manifest.

Run folder layout::

    OUT/round-K/rollouts.jsonl    every answer of the round's rollouts, with test outcomes
    OUT/round-K/verifier.gguf     verifier trained on the rollouts of rounds 1..K
    OUT/round-K/sft.jsonl         relabeled SFT examples (aggregated)
    OUT/round-K/generator.gguf    generator fine-tuned on them
    OUT/generator.gguf, OUT/verifier.gguf   the last round's models
    OUT/manifest.json             versions, seeds, settings, counts, times, accuracies

A stage whose output exists is skipped, so an interrupted run continues where it stopped.
"""

from __future__ import annotations

import json
import platform
import shutil
import time
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from mucode_cli.errors import UserError

from .config import TrainConfig
from .data import bce_rows, bt_pairs, relabel
from .rollouts import load_jsonl, run_rollouts


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
    def __init__(self, path: Path, config: TrainConfig):
        self.path = path
        self.data = json.loads(path.read_text()) if path.exists() else {}
        self.data.update({"config": asdict(config), "versions": _versions()})
        self.data.setdefault("rounds", {})
        self.save()

    def round(self, k: int) -> dict:
        return self.data["rounds"].setdefault(str(k), {})

    def save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data, indent=2))
        tmp.replace(self.path)


def _is_main(accelerator) -> bool:
    return accelerator is None or accelerator.is_main_process


def _wait(accelerator) -> None:
    if accelerator is not None:
        accelerator.wait_for_everyone()


def run_training(cfg: TrainConfig, say: Callable[[str], None] = print, accelerator=None) -> dict:
    import torch

    from bench import mbpp
    from mucode_cli.engine import SampleParams, load_model
    from mucode_cli.sandbox import Sandbox, SandboxLimits

    from .export import export_gguf
    from .hf import add_lora, base_gguf, load_base
    from .sft import sft
    from .verifier_train import train_verifier

    if cfg.verifier_loss not in ("bt", "bce"):
        raise UserError(f"--verifier-loss must be bt or bce (got {cfg.verifier_loss!r})")
    if cfg.expert not in ("both", "oracle", "verifier"):
        raise UserError(f"--expert must be both, oracle or verifier (got {cfg.expert!r})")
    for name in ("rounds", "rollouts", "turns", "epochs", "batch_size", "grad_accum", "lora_r"):
        if getattr(cfg, name) < 1:
            raise UserError(f"--{name.replace('_', '-')} must be at least 1 (got {getattr(cfg, name)})")
    if cfg.device.startswith("cuda") and not torch.cuda.is_available():
        raise UserError("--device cuda: no CUDA device is available")
    base_file = base_gguf(cfg.base)
    if base_file is None:
        raise UserError("exporting GGUF needs a GGUF base (a known name or a .gguf path); "
                        "transformers folders are not supported yet")
    tasks = mbpp.load(cfg.data, cfg.split)
    if cfg.problems:
        tasks = tasks[: cfg.problems]
    if not tasks:
        raise UserError(f"no training problems in {cfg.data} (split {cfg.split})")
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(out / "manifest.json", cfg)
    torch.manual_seed(cfg.seed)
    sandbox = Sandbox(SandboxLimits(timeout=cfg.timeout))
    generator_path = base_file
    all_records: list[dict] = []
    for k in range(1, cfg.rounds + 1):
        rdir = out / f"round-{k}"
        rdir.mkdir(exist_ok=True)
        info = manifest.round(k)
        times = info.setdefault("seconds", {})

        # 1. Rollouts with the current generator (llama.cpp; GPU if the wheel was built with CUDA).
        t = time.monotonic()
        if _is_main(accelerator) and not (rdir / "rollouts.done").exists():
            say(f"round {k}: rollouts with {generator_path.name} on {len(tasks)} problems")
            gen = load_model(str(generator_path), n_ctx=8192)
            params = SampleParams(temperature=cfg.temperature, max_tokens=cfg.max_tokens)
            run_rollouts(tasks, gen, sandbox, rdir / "rollouts.jsonl", cfg.rollouts, cfg.turns, params,
                         cfg.seed + k, k)
            (rdir / "rollouts.done").write_text("")
        _wait(accelerator)
        records = load_jsonl(rdir / "rollouts.jsonl")
        times.setdefault("rollouts", round(time.monotonic() - t, 1))
        all_records.extend(records)
        solved = {r["task_id"] for r in records if r["public_passed"] and r["private_passed"]}
        info["rollout_answers"] = len(records)
        info["rollout_success"] = round(len(solved) / len(tasks), 4)

        # 2-3. Verifier data (aggregated over rounds) and training from the base.
        t = time.monotonic()
        pairs = bt_pairs(all_records, cfg.pairs_per_problem, cfg.seed + k)
        rows = bce_rows(all_records)
        info["verifier_data"] = {"pairs": len(pairs), "rows": len(rows),
                                 "positives": sum(r["label"] for r in rows)}
        codes = sorted({r["code"] for r in all_records if r.get("code")})
        problem_of = {r["code"]: r["problem"] for r in all_records if r.get("code")}
        scores_path = rdir / "scores.json"
        if (rdir / "verifier.gguf").exists() and scores_path.exists():
            scores = json.loads(scores_path.read_text())  # finished earlier: reuse
        else:
            say(f"round {k}: verifier on {len(pairs)} pairs / {len(rows)} answers")
            vmodel, tok = load_base(cfg.base, cfg.device, grad_checkpointing=cfg.grad_checkpointing)
            vmodel = add_lora(vmodel, cfg.lora_r, cfg.seed)
            scorer, vreport = train_verifier(
                vmodel, tok, pairs, rows, loss=cfg.verifier_loss, lr=cfg.verifier_lr, batch_size=cfg.batch_size,
                grad_accum=cfg.grad_accum, epochs=cfg.epochs, max_steps=cfg.steps, seed=cfg.seed + k,
                max_length=cfg.max_length, accelerator=accelerator)
            info["verifier"] = vreport
            scores = dict(zip(codes, scorer.score_all([(problem_of[c], c) for c in codes]))) if codes else {}
            if _is_main(accelerator):
                merged = vmodel.merge_and_unload()
                info["verifier_export"] = export_gguf(merged, base_file, rdir / "verifier.gguf", quant=cfg.quant)
                scores_path.write_text(json.dumps(scores))
            del vmodel
            times["verifier"] = round(time.monotonic() - t, 1)
        # 4. Relabel with the local search expert (cheap: always redone).
        examples = relabel(all_records, scores, cfg.expert, cfg.keep_unsolved)
        (rdir / "sft.jsonl").write_text("".join(json.dumps(e) + "\n" for e in examples))
        info["sft_examples"] = len(examples)
        manifest.save()

        # 5-6. SFT of the generator from the base (or the previous round) and export.
        t = time.monotonic()
        if not (rdir / "generator.gguf").exists():
            start_from = cfg.base if (k == 1 or not cfg.continue_from_previous) else str(generator_path)
            say(f"round {k}: SFT on {len(examples)} relabeled turns")
            gmodel, tok = load_base(start_from, cfg.device, grad_checkpointing=cfg.grad_checkpointing)
            if not cfg.full:
                gmodel = add_lora(gmodel, cfg.lora_r, cfg.seed)
            info["sft"] = sft(gmodel, tok, examples, lr=cfg.lr, batch_size=cfg.batch_size,
                              grad_accum=cfg.grad_accum, epochs=cfg.epochs, max_steps=cfg.steps,
                              seed=cfg.seed + k, max_length=cfg.max_length, accelerator=accelerator)
            if _is_main(accelerator):
                merged = gmodel if cfg.full else gmodel.merge_and_unload()
                template = base_file if start_from == cfg.base else generator_path
                info["generator_export"] = export_gguf(merged, template, rdir / "generator.gguf", quant=cfg.quant)
            del gmodel
            times["sft"] = round(time.monotonic() - t, 1)
        generator_path = rdir / "generator.gguf"
        manifest.save()
        _wait(accelerator)
    if _is_main(accelerator):
        last = out / f"round-{cfg.rounds}"
        for name in ("generator.gguf", "verifier.gguf"):
            src, dst = last / name, out / name
            if not dst.exists() or dst.stat().st_mtime_ns != src.stat().st_mtime_ns:
                shutil.copy2(src, dst)  # keeps the mtime: a resumed run sees nothing new
    manifest.data["outputs"] = {"generator": str(out / "generator.gguf"), "verifier": str(out / "verifier.gguf")}
    manifest.save()
    return manifest.data
