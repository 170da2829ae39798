"""Multi-process training through accelerate: the one way that works is

    accelerate launch [--num_processes K] -m trainer --device cuda ...

(torchrun works too: ``torchrun --nproc-per-node K -m trainer ...``). Every process runs
the rollouts of its own share of the problems (one file each, merged by the main process);
the main process relabels and exports; every process trains on its own shard of each batch. Nothing here assumes a GPU count, a port or a CUDA version, and the same
code runs as several CPU processes (gloo), which is how the tests exercise it.
"""

from __future__ import annotations

from datetime import timedelta

from mucode_cli.errors import UserError

# Rollouts take hours at full scale, and processes whose share finishes first wait at a
# barrier for the slowest: the default collective timeout would kill them.
BARRIER_TIMEOUT = timedelta(hours=24)


def make_accelerator(device: str):
    import torch
    from accelerate import Accelerator
    from accelerate.utils import InitProcessGroupKwargs

    cuda = device.startswith("cuda")
    if cuda and not torch.cuda.is_available():
        raise UserError("--device cuda: no CUDA device is available")
    return Accelerator(cpu=not cuda, mixed_precision="bf16" if cuda else "no",
                       kwargs_handlers=[InitProcessGroupKwargs(timeout=BARRIER_TIMEOUT)])


def accelerator_for(device: str):
    """(accelerator, device) for this process: an accelerator on CUDA or under a multi-process
    launcher (each process then trains on its own GPU), else (None, device)."""
    import os

    if device.startswith("cuda") or int(os.environ.get("WORLD_SIZE", "1")) > 1:
        accelerator = make_accelerator(device)
        return accelerator, str(accelerator.device)
    return None, device


def finish(accelerator) -> None:
    """Close the process group before the process exits: left open, gloo's threads are still
    running at interpreter teardown and a process can abort ("terminate called without an
    active exception"), so a launcher reports a finished run as failed."""
    if accelerator is not None:
        accelerator.wait_for_everyone()
        accelerator.end_training()


def is_main(accelerator) -> bool:
    return accelerator is None or accelerator.is_main_process


def wait(accelerator) -> None:
    if accelerator is not None:
        accelerator.wait_for_everyone()


def world_size(accelerator) -> int:
    return 1 if accelerator is None else accelerator.num_processes
