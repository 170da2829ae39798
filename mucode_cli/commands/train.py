"""``mucode train``, ``train-head``, ``eval-head`` and ``train-verifier``: the research commands."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .. import display
from ..models import KNOWN_MODELS
from ..settings import default_model


def train(
    ctx: typer.Context,
    base: str = typer.Option(default_model(), "--base", help="Base model: a known name, a GGUF path, a transformers model folder, or a hub id (needs a network)."),
    data: Path = typer.Option(..., "--data", help="MBPP-format JSONL with the training problems."),
    out: Path = typer.Option(Path("runs/mucode"), "--out", help="Run folder (reusing one resumes it)."),
    split: str = typer.Option("train", "--split", help="Which MBPP split to train on."),
    problems: Optional[int] = typer.Option(None, "--problems", help="Only the first K problems."),
    rounds: int = typer.Option(1, "--rounds", help="Expert-iteration rounds (paper: 2)."),
    rollouts: int = typer.Option(15, "--rollouts", help="Rollouts per problem (paper: 15)."),
    turns: int = typer.Option(3, "--turns", help="Turns per rollout (paper: 3)."),
    max_tokens: int = typer.Option(512, "--max-tokens", help="Cap on tokens per rollout answer."),
    rollout_backend: str = typer.Option(
        "auto", "--rollout-backend",
        help="llama (llama.cpp), transformers (batched generate, for GPUs) or auto (transformers on a GPU "
             "that llama.cpp cannot use)."),
    rollout_workers: Optional[int] = typer.Option(
        None, "--rollout-workers", help="Rollouts in flight at once (default: 2 with llama.cpp, 64 with transformers)."),
    pairs_per_problem: int = typer.Option(32, "--pairs-per-problem", help="Bradley-Terry pairs per problem."),
    verifier_loss: str = typer.Option("bt", "--verifier-loss", help="bt or bce."),
    expert: str = typer.Option("both", "--expert", help="Relabeling expert: both, oracle or verifier."),
    keep_unsolved: bool = typer.Option(False, "--keep-unsolved", help="Also train on problems no answer solved."),
    steps: Optional[int] = typer.Option(None, "--steps", help="Max optimizer steps per training stage."),
    epochs: int = typer.Option(2, "--epochs"),
    lr: float = typer.Option(1e-4, "--lr", help="Generator learning rate (LoRA; use ~5e-7 with --full)."),
    verifier_lr: float = typer.Option(1e-4, "--verifier-lr"),
    batch_size: int = typer.Option(4, "--batch-size"),
    grad_accum: int = typer.Option(1, "--grad-accum"),
    lora_r: int = typer.Option(16, "--lora-r"),
    full: bool = typer.Option(False, "--full", help="Full fine-tuning of the generator instead of LoRA."),
    continue_from_previous: bool = typer.Option(False, "--continue-from-previous", help="Round k starts from round k-1's generator."),
    seed: int = typer.Option(0, "--seed"),
    device: str = typer.Option("cpu", "--device", help="cpu or cuda."),
    quant: str = typer.Option("q8_0", "--quant", help="GGUF type of the trained tensors: q8_0, f16 or q4_k_m."),
    grad_checkpointing: bool = typer.Option(False, "--grad-checkpointing", help="Trade compute for memory in training."),
):
    """Train a generator and a verifier by µCode expert iteration; writes OUT/generator.gguf and OUT/verifier.gguf (also as a LoRA adapter over the base: OUT/verifier-lora.gguf)."""
    import dataclasses

    from trainer.config import TrainConfig
    from trainer.distributed import accelerator_for, finish
    from trainer.pipeline import require_extras, run_training

    options = {k: str(v) if isinstance(v, Path) else v for k, v in ctx.params.items()}
    cfg = TrainConfig(**{f.name: options[f.name] for f in dataclasses.fields(TrainConfig) if f.name in options})
    require_extras()
    accelerator, device = accelerator_for(cfg.device)
    cfg = dataclasses.replace(cfg, device=device)
    console = Console(stderr=True)
    manifest = run_training(cfg, say=display.say(console), accelerator=accelerator)
    finish(accelerator)
    if accelerator is None or accelerator.is_main_process:
        outputs = manifest["outputs"]
        # A known name or GGUF path as given; a transformers folder was written as OUT/base.gguf.
        gguf_base = cfg.base in KNOWN_MODELS or cfg.base.lower().endswith(".gguf")
        display.print_trained(outputs, cfg.base if gguf_base else outputs.get("adapter_base"), console)


# Shared by train-head and train-verifier: the same data, read the same way.
TRAIN_DIRS = typer.Option(..., "--train", help="A benchmark results folder of training problems (repeatable).")
EVAL_DIRS = typer.Option([], "--eval", help="A results folder of held-out problems to measure on (repeatable).")
# Shared by train-head and eval-head: the same features of the same model.
HEAD_MODEL = typer.Option(default_model(), "--model", help="The model whose hidden states the head reads.")
FEATURES = typer.Option(None, "--features", help="Feature cache (default: OUT with .features.jsonl); reused and extended.")
THREADS = typer.Option(None, "--threads", min=1)


def train_head(
    train_dirs: List[Path] = TRAIN_DIRS,
    eval_dirs: List[Path] = EVAL_DIRS,
    out: Path = typer.Option(..., "--out", help="The value head to write (JSON)."),
    model: str = HEAD_MODEL,
    loss: str = typer.Option("bt", "--loss", help="bt (Bradley-Terry over pairs of one problem) or bce."),
    features: Optional[Path] = FEATURES,
    threads: Optional[int] = THREADS,
):
    """Train a value head on the model's frozen hidden states from recorded candidates (seconds
    after feature extraction), and compare it with the zero-shot verifier on held-out problems."""
    from trainer.value_head import run_train_head

    run_train_head(train_dirs=train_dirs, eval_dirs=eval_dirs, out=out, model=model, loss=loss,
                   features=features, threads=threads, console=Console(stderr=True))


def eval_head(
    eval_dirs: List[Path] = typer.Option(..., "--eval", help="A results folder of held-out problems (repeatable)."),
    out: Path = typer.Option(..., "--out", help="The report to write (JSON); features are cached beside it."),
    head: str = typer.Option(..., "--head", help="A value-head .json file (train-head writes one)."),
    model: str = HEAD_MODEL,
    features: Optional[Path] = FEATURES,
    threads: Optional[int] = THREADS,
):
    """Measure an existing value head against the zero-shot verifier and a random pick on
    held-out results folders (train-head's measures), without training."""
    from trainer.value_head import run_eval_head

    run_eval_head(head=head, eval_dirs=eval_dirs, out=out, model=model, features=features, threads=threads,
                  console=Console(stderr=True))


def train_verifier(
    train_dirs: List[Path] = TRAIN_DIRS,
    eval_dirs: List[Path] = EVAL_DIRS,
    out: Path = typer.Option(..., "--out", help="The LoRA adapter to write (.gguf); a .report.json beside it."),
    model: str = typer.Option(default_model(), "--model", help="The base (known name or GGUF) the adapter applies over."),
    device: str = typer.Option("cpu", "--device", help="cpu or cuda (training; scoring runs in llama.cpp)."),
    lora_r: int = typer.Option(16, "--lora-r", min=1),
    lr: float = typer.Option(1e-4, "--lr"),
    epochs: int = typer.Option(1, "--epochs", min=1),
    steps: Optional[int] = typer.Option(None, "--steps", min=1, help="Cap on optimizer steps."),
    batch_size: int = typer.Option(4, "--batch-size", min=1, help="Pairs per step."),
    per_problem: int = typer.Option(8, "--pairs-per-problem", min=1),
    max_length: int = typer.Option(2048, "--max-length", min=64),
    seed: int = typer.Option(0, "--seed"),
    threads: Optional[int] = THREADS,
    top_layers: Optional[int] = typer.Option(
        None, "--top-layers", min=1,
        help="LoRA on the top K layers only, trained over the hidden states below them, computed once per "
             "answer: a CPU-sized run (default: every layer)."),
):
    """Train the paper's verifier (LoRA, Bradley-Terry on logit Yes - No) from recorded candidates,
    write it as a llama.cpp LoRA adapter over the model, and compare it with the zero-shot verifier
    on held-out problems (the same measures as train-head). A GPU job at real scale."""
    from trainer.pipeline import require_extras

    require_extras()
    from trainer.lora_verifier import run_train_verifier

    run_train_verifier(train_dirs=train_dirs, eval_dirs=eval_dirs, out=out, model=model, device=device, lora_r=lora_r,
                       lr=lr, epochs=epochs, steps=steps, batch_size=batch_size, per_problem=per_problem,
                       max_length=max_length, seed=seed, threads=threads, console=Console(stderr=True),
                       top_layers=top_layers)
