"""Run by torchrun from test_distributed.py: two CPU processes (gloo) train a small module."""

import json
import sys
from pathlib import Path

import torch

from trainer.distributed import finish, make_accelerator
from trainer.loop import train

acc = make_accelerator("cpu")
rank = acc.process_index
torch.manual_seed(0)
items = [(torch.randn(4), torch.randn(1)) for _ in range(16)]


def through_wrapper(m, batch):
    x = torch.stack([b[0] for b in batch])
    y = torch.stack([b[1] for b in batch])
    return ((m(x) - y) ** 2).mean()


def bypassing_wrapper(m, batch):
    # The mistake the replica check exists for: a forward pass DDP never sees.
    inner = m.module if hasattr(m, "module") else m
    return through_wrapper(inner, batch) * (rank + 1)


out = {"rank": rank, "world": acc.num_processes}
model = torch.nn.Linear(4, 1)
losses = train(model, items, through_wrapper, lr=0.05, batch_size=2, grad_accum=2, epochs=2, max_steps=None,
               seed=0, accelerator=acc)
out["steps"] = len(losses)
out["weights"] = model.weight.detach().flatten().tolist()
try:
    train(torch.nn.Linear(4, 1), items, bypassing_wrapper, lr=0.05, batch_size=2, grad_accum=1, epochs=1,
          max_steps=None, seed=0, accelerator=acc)
    out["drift_detected"] = False
except RuntimeError as e:
    out["drift_detected"] = "disagree" in str(e)
# One file per process: two processes printing to one pipe can interleave their lines.
(Path(sys.argv[1]) / f"rank{rank}.json").write_text(json.dumps(out))
finish(acc)
sys.exit(0)
