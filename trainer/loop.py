"""The optimisation loop shared by verifier training and SFT (one place for the schedule).

Runs under accelerate: ``accelerate launch -m trainer ...`` gives DDP/FSDP with nothing
here assuming a GPU count; on one CPU process it is a plain loop.
"""

from __future__ import annotations

import math
import random
from typing import Callable, Sequence


def total_steps(n_items: int, batch_size: int, grad_accum: int, epochs: int, max_steps: int | None) -> int:
    per_epoch = math.ceil(n_items / batch_size / grad_accum)
    steps = per_epoch * epochs
    return min(steps, max_steps) if max_steps else steps


def train(model, items: Sequence, loss_fn: Callable, *, lr: float, batch_size: int, grad_accum: int,
          epochs: int, max_steps: int | None, seed: int, accelerator=None, log: Callable | None = None) -> list[float]:
    """Minimise ``loss_fn(model, batch)``; returns the loss of every optimizer step.

    The linear decay runs over exactly the number of optimizer steps taken (the reference
    code doubled this horizon by counting micro-batches).
    """
    import torch

    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    steps = total_steps(len(items), batch_size, grad_accum, epochs, max_steps)
    warmup = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, 1.0 - s / max(1, steps)))
    if accelerator is not None:
        model, opt = accelerator.prepare(model, opt)
    rng = random.Random(seed)
    model.train()
    losses: list[float] = []
    step = 0
    micro = 0
    running = 0.0
    while step < steps:
        order = list(range(len(items)))
        rng.shuffle(order)
        for start in range(0, len(order), batch_size):
            batch = [items[i] for i in order[start:start + batch_size]]
            loss = loss_fn(model, batch) / grad_accum
            if accelerator is not None:
                accelerator.backward(loss)
            else:
                loss.backward()
            running += float(loss.detach())
            micro += 1
            if micro % grad_accum == 0:
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
                losses.append(running)
                if log:
                    log(step, running)
                running = 0.0
                step += 1
                if step >= steps:
                    break
    model.eval()
    return losses
