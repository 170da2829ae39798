"""Settings of one training run (the CLI's flags, and what manifest.json records)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mucode_cli.errors import UserError
from mucode_cli.settings import default_model


@dataclass
class TrainConfig:
    base: str = default_model()  # known name, GGUF path, transformers folder or hub id
    data: str = ""  # MBPP-format JSONL
    out: str = "runs/mucode"
    split: str = "train"
    problems: int | None = None  # first K problems of the split
    rounds: int = 1
    rollouts: int = 15
    turns: int = 3
    temperature: float = 0.7
    max_tokens: int = 512
    rollout_backend: str = "auto"  # auto | llama | transformers
    rollout_workers: int | None = None  # parallel rollouts (None: 2 for llama.cpp, 64 for transformers)
    pairs_per_problem: int = 32
    verifier_loss: str = "bt"  # bt | bce
    expert: str = "both"  # both | oracle | verifier
    keep_unsolved: bool = False
    steps: int | None = None  # max optimizer steps per training stage
    epochs: int = 2
    lr: float = 1e-4  # LoRA learning rate of the generator
    verifier_lr: float = 1e-4
    batch_size: int = 4
    grad_accum: int = 1
    lora_r: int = 16
    full: bool = False  # full fine-tuning instead of LoRA
    max_length: int = 2048
    seed: int = 0
    device: str = "cpu"
    quant: str = "q8_0"  # q8_0 | f16 | q4_k_m
    grad_checkpointing: bool = False
    continue_from_previous: bool = False
    timeout: float = 10.0

    def __post_init__(self):
        """The one check of a run's settings (the CLI passes its options straight in)."""
        choices = {"rollout_backend": ("auto", "llama", "transformers"), "verifier_loss": ("bt", "bce"),
                   "expert": ("both", "oracle", "verifier"), "quant": ("q8_0", "f16", "q4_k_m")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise UserError(f"--{name.replace('_', '-')} must be one of {', '.join(allowed)} "
                                f"(got {getattr(self, name)!r})")
        for name in ("rounds", "rollouts", "turns", "epochs", "batch_size", "grad_accum", "lora_r",
                     "rollout_workers", "problems", "steps", "pairs_per_problem", "max_tokens"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise UserError(f"--{name.replace('_', '-')} must be at least 1 (got {value})")
        if self.data and not Path(self.data).is_file():
            raise UserError(f"training data not found: {self.data}")
        if self.temperature < 0 or self.lr <= 0 or self.verifier_lr <= 0 or self.timeout <= 0:
            raise UserError("--temperature must be >= 0, learning rates and the timeout positive")
