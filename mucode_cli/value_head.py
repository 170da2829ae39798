"""A value head on the frozen generator: the verifier's score as a linear function of the
final hidden state at the verifier prompt's last token (``LlamaModel.verifier_state``).

The zero-shot score logit("Yes") - logit("No") is itself linear in that hidden state (the
LM head's Yes row minus its No row), so the head is the zero-shot score, reweighted, plus
a learned direction: score = a * (logit(Yes) - logit(No)) + w . hidden + b. It is a few
thousand numbers in a small JSON file, trained in seconds (``trainer/value_head.py``), and
needs no second copy of the weights: the hidden state comes from the same forward pass
that gives the zero-shot logits.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .errors import UserError

FORMAT = "mucode-value-head"
VERSION = 1


@dataclass
class ValueHead:
    weight: list[float]  # over the hidden state (standardization folded in)
    bias: float
    yes_no: float  # the weight of the zero-shot score
    model_name: str  # general.name of the GGUF whose hidden states it reads
    n_embd: int
    prompt_sha256: str  # of the verifier prompt template it was trained with
    trained_on: dict = field(default_factory=dict)  # what and how: data, counts, l2, loss

    def score(self, yes_no: float, hidden: np.ndarray) -> float:
        return float(self.scores(np.asarray([yes_no]), np.asarray(hidden)[None, :])[0])

    def scores(self, yes_no: np.ndarray, hidden: np.ndarray) -> np.ndarray:
        return self.yes_no * np.asarray(yes_no) + np.asarray(hidden) @ np.asarray(self.weight) + self.bias

    def to_json(self) -> str:
        data = {"format": FORMAT, "version": VERSION, **asdict(self)}
        data["weight"] = [round(float(x), 7) for x in self.weight]
        return json.dumps(data, indent=1)

    def save(self, path: Path) -> None:
        """Atomically: a head half written is never read."""
        from .writeback import write_atomic

        write_atomic(Path(path), self.to_json())

    def check_model(self, model_name: str, n_embd: int, path: Path | str = "") -> None:
        """A head reads one model's hidden states: refuse another model's."""
        if n_embd != self.n_embd or model_name != self.model_name:
            raise UserError(f"verifier head {path} was trained on {self.model_name!r} (hidden size {self.n_embd}), "
                            f"not on {model_name!r} (hidden size {n_embd}): pass the head of this model, "
                            "or --verifier same")

    def check_prompt(self, template: str, path: Path | str = "") -> None:
        """A head reads the hidden state at the end of one verifier prompt: a head trained on
        another wording scores states it has never seen, so refuse it rather than guess."""
        if self.prompt_sha256 != prompt_sha256(template):
            raise UserError(f"verifier head {path} was trained with another verifier prompt than this mucode's: "
                            "retrain it (mucode train-head) or pass --verifier same")


def prompt_sha256(template: str) -> str:
    return hashlib.sha256(template.encode("utf-8")).hexdigest()


def load_head(path: Path | str) -> ValueHead:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"verifier head {path} not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UserError(f"verifier head {path} is not a readable JSON file ({e})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f"{path} is not a mucode verifier head (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise UserError(f"verifier head {path} has version {data.get('version')!r}; this mucode reads {VERSION}")
    try:
        head = ValueHead(weight=[float(x) for x in data["weight"]], bias=float(data["bias"]),
                         yes_no=float(data["yes_no"]), model_name=str(data["model_name"]),
                         n_embd=int(data["n_embd"]), prompt_sha256=str(data["prompt_sha256"]),
                         trained_on=dict(data.get("trained_on") or {}))
    except (KeyError, TypeError, ValueError) as e:
        raise UserError(f"verifier head {path} is malformed ({type(e).__name__}: {e})") from None
    if len(head.weight) != head.n_embd or not np.all(np.isfinite(head.weight)):
        raise UserError(f"verifier head {path} is malformed: {len(head.weight)} finite weights expected {head.n_embd}")
    return head
