"""Verifier losses on scalar scores (score = logit("Yes") - logit("No"))."""

from __future__ import annotations

import torch
import torch.nn.functional as F

CENTERING = 1e-3


def bt_loss(pos: torch.Tensor, neg: torch.Tensor) -> torch.Tensor:
    """Bradley-Terry: -log sigmoid(s+ - s-), plus 1e-3 * mean(s^2) to keep scores centred."""
    scores = torch.cat([pos, neg])
    return -F.logsigmoid(pos - neg).mean() + CENTERING * (scores ** 2).mean()


def bce_loss(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(scores, labels.float())


def pairwise_accuracy(pos: torch.Tensor, neg: torch.Tensor) -> float:
    return float((pos > neg).float().mean()) if len(pos) else 0.0
