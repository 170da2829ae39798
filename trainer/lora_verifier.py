"""``mucode train-verifier``: the paper's verifier (LoRA, Bradley-Terry on the Yes-No score)
trained from recorded benchmark candidates, written as a llama.cpp LoRA adapter over the
generator's own GGUF, and measured held out beside the zero-shot verifier and a random pick,
with the same data and metrics as ``mucode train-head`` so the two forms compare directly.

The held-out scores come from llama.cpp through the exported adapter: what ``fix`` and
``bench`` would use, not the training-time model.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from mucode_cli.errors import UserError

from .value_head import Dataset, is_test_problem, load_results, metrics, print_comparison


def ranking_pairs(data: Dataset, per_problem: int, seed: int) -> list[dict]:
    """Up to ``per_problem`` (passing, failing) code pairs of each problem, drawn at random."""
    by: dict[str, tuple[list, list]] = {}
    for it in data.items:
        pos, neg = by.setdefault(it.group, ([], []))
        (pos if it.label else neg).append(it)
    rng = random.Random(seed)
    pairs = []
    for group in sorted(by):
        pos, neg = by[group]
        combos = [(p, n) for p in pos for n in neg]
        rng.shuffle(combos)
        pairs += [{"task_id": group, "problem": p.problem, "pos": p.code, "neg": n.code}
                  for p, n in combos[:per_problem]]
    return pairs


def run_train_verifier(*, train_dirs: list[Path], eval_dirs: list[Path], out: Path, model: str, device: str,
                       lora_r: int, lr: float, epochs: int, steps: int | None, batch_size: int, per_problem: int,
                       max_length: int, seed: int, threads: int | None, console, top_layers: int | None = None) -> dict:
    from mucode_cli import sandbox as sandbox_mod
    from mucode_cli.engine import load_model
    from mucode_cli.verifier import LlamaVerifier

    from .export import export_lora_adapter
    from .hf import add_lora, base_gguf, load_base
    from .verifier_train import TopLayersUnsupported, train_verifier

    import torch

    if device != "cpu" and not (device.startswith("cuda") and torch.cuda.is_available()):
        raise UserError(f"--device must be cpu or cuda on a machine with a CUDA GPU (got {device!r})")
    if out.suffix.lower() != ".gguf":
        raise UserError(f"--out must name a .gguf file (got {out})")
    if not out.parent.is_dir():
        raise UserError(f"--out: folder {out.parent} does not exist")
    base_file = base_gguf(model)
    if base_file is None:
        raise UserError(f"--model must be a known model name or a GGUF file: the adapter applies over it (got {model!r})")
    train = load_results(train_dirs, leave_out=is_test_problem)
    if train.left_out:
        console.print(f"left out {len(train.left_out)} held-out (test-split) problems found in the training folders")
    pairs = ranking_pairs(train.informative(), per_problem, seed)
    if not pairs:
        raise UserError("no training problem has both a passing and a failing candidate: nothing to rank")
    evals = [(d, load_results([d]).informative()) for d in eval_dirs]
    where = "all layers" if top_layers is None else f"the top {top_layers} layers, over cached states below"
    console.print(f"training on {len(pairs)} pairs of {len({p['task_id'] for p in pairs})} problems "
                  f"({device}, LoRA rank {lora_r} on {where})", highlight=False)
    vmodel, tok = load_base(model, device)
    n_layers = vmodel.config.num_hidden_layers
    if top_layers is not None and top_layers > n_layers:
        raise UserError(f"--top-layers: {model} has {n_layers} layers (got {top_layers})")
    vmodel = add_lora(vmodel, lora_r, seed, top_layers)
    try:
        scorer, info = train_verifier(vmodel, tok, pairs, [], loss="bt", lr=lr, batch_size=batch_size, grad_accum=1,
                                      epochs=epochs, max_steps=steps, seed=seed, max_length=max_length,
                                      top_layers=top_layers,
                                      say=lambda line: console.print(line, highlight=False))
    except TopLayersUnsupported as e:
        raise UserError(f"--top-layers: {e}") from None
    info["top_layers"] = top_layers
    info["adapter"] = export_lora_adapter(vmodel, base_file, out)
    del scorer, vmodel  # the training copy of the weights: scoring from here on is llama.cpp's
    console.print(f"wrote {out} ({info['adapter']['bytes'] / 1e6:.1f} MB): pairwise accuracy on its own "
                  f"held-out training problems {info['before']['held_out'].get('accuracy', float('nan')):.3f} -> "
                  f"{info['after']['held_out'].get('accuracy', float('nan')):.3f}", highlight=False)
    report = {"adapter": str(out), "train": {"sources": train.sources, "pairs": len(pairs), **info}, "eval": {}}
    gen = load_model(model, threads=threads, busy=sandbox_mod.runs_in_flight)
    zero_shot, adapted = LlamaVerifier(gen), LlamaVerifier(gen, adapter=gen.load_adapter(out))
    for folder, data in evals:
        console.print(f"scoring {len(data.items)} candidates of {folder} with the zero-shot verifier and the "
                      "adapter (llama.cpp)", highlight=False)

        def scored(verifier):
            return np.array([verifier.score(it.problem, [it.code])[0] for it in data.items])
        columns = {"random": metrics(np.zeros(len(data.items)), data), "zero-shot": metrics(scored(zero_shot), data),
                   "LoRA": metrics(scored(adapted), data)}
        report["eval"][str(folder)] = columns
        print_comparison(console, folder, columns)
    out.with_suffix(".report.json").write_text(json.dumps(report, indent=2))
    return report
