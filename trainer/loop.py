"""The optimisation loop shared by verifier training and SFT (one place for the schedule).

Runs under accelerate: ``accelerate launch -m trainer ...`` gives DDP/FSDP with nothing
here assuming a GPU count; on one CPU process it is a plain loop.
"""

from __future__ import annotations

import contextlib
import math
import random
from typing import Callable, Sequence


def total_steps(n_items: int, batch_size: int, grad_accum: int, epochs: int, max_steps: int | None,
                world: int = 1) -> int:
    per_epoch = math.ceil(n_items / (batch_size * world) / grad_accum)
    steps = per_epoch * epochs
    return min(steps, max_steps) if max_steps else steps


def shard(order: list[int], start: int, batch_size: int, world: int, rank: int) -> list[int]:
    """This process's part of the global micro-batch at ``start``.

    Every process gets exactly ``batch_size`` items (a short last batch wraps around to the
    start of the epoch), so no process skips a forward pass that DDP waits for.
    """
    width = batch_size * world
    chunk = order[start:start + width]
    while len(chunk) < width:
        chunk += order[: width - len(chunk)]
    return chunk[rank * batch_size:(rank + 1) * batch_size]


def progress(say: Callable[[str], None] | None, what: str, reports: int = 20) -> Callable | None:
    """A ``train`` log for the person at the terminal: on CPU an epoch can take an hour, so
    about ``reports`` lines, each with the step count and the mean loss since the last line."""
    if say is None:
        return None
    since: list[float] = []

    def log(step: int, steps: int, loss: float) -> None:
        since.append(loss)
        if step == steps or step % max(1, steps // reports) == 0:
            say(f"{what}: step {step}/{steps}, loss {sum(since) / len(since):.4f}")
            since.clear()
    return log


def train(model, items: Sequence, loss_fn: Callable, *, lr: float, batch_size: int, grad_accum: int,
          epochs: int, max_steps: int | None, seed: int, accelerator=None, log: Callable | None = None) -> list[float]:
    """Minimise ``loss_fn(model, batch)``; returns the (all-process mean) loss of every optimizer step.
    ``log(step, steps, loss)`` is called after each optimizer step (see ``progress``).

    ``batch_size`` is per process: under accelerate each process trains on its own shard
    of every global batch. The linear decay runs over exactly the number of optimizer
    steps taken (the reference code doubled this horizon by counting micro-batches).
    """
    import torch

    world = accelerator.num_processes if accelerator is not None else 1
    rank = accelerator.process_index if accelerator is not None else 0
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    steps = total_steps(len(items), batch_size, grad_accum, epochs, max_steps, world)
    warmup = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, 1.0 - s / max(1, steps)))
    wrapped = model
    if accelerator is not None:
        wrapped, opt = accelerator.prepare(model, opt)
    rng = random.Random(seed)  # the same order on every process; each takes its shard
    model.train()
    losses: list[float] = []
    step = 0
    micro = 0
    running = 0.0
    while step < steps:
        order = list(range(len(items)))
        rng.shuffle(order)
        for start in range(0, len(order), batch_size * world):
            batch = [items[i] for i in shard(order, start, batch_size, world, rank)]
            boundary = (micro + 1) % grad_accum == 0
            # Gradients are only all-reduced on the micro-batch that ends an optimizer step.
            sync = contextlib.nullcontext() if accelerator is None or boundary else accelerator.no_sync(wrapped)
            with sync:
                loss = loss_fn(wrapped, batch) / grad_accum
                if accelerator is not None:
                    accelerator.backward(loss)
                else:
                    loss.backward()
            running += float(loss.detach())
            micro += 1
            if boundary:
                if accelerator is not None:
                    accelerator.clip_grad_norm_(params, 1.0)
                    running = float(accelerator.reduce(torch.tensor(running, device=accelerator.device), "mean"))
                else:
                    torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
                losses.append(running)
                if log:
                    log(step + 1, steps, running)
                running = 0.0
                step += 1
                if step >= steps:
                    break
    model.eval()
    if accelerator is not None:
        check_replicas(params, accelerator)
    return losses


def check_replicas(params, accelerator) -> None:
    """Every process must end with the same weights; a forward pass that bypassed the
    DDP wrapper would silently let them drift apart."""
    import torch

    total = torch.stack([p.detach().float().sum() for p in params]).sum().reshape(1).to(accelerator.device)
    sums = accelerator.gather(total)
    if not torch.allclose(sums, sums[0].expand_as(sums), rtol=1e-5, atol=1e-5):
        raise RuntimeError(f"training processes disagree on the weights: {sums.tolist()}")
