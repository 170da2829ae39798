"""fix's settings: each one's default, flags and help written once.

``FixSettings`` is read by the command line (``fix``'s options and those ``bench`` shares with
it), by ``[tool.mucode]`` in a project's pyproject.toml (the settings marked ``project``), by
``fix.fix_settings`` and by the defaults of ``SearchConfig`` and ``SampleParams``, so a default
cannot differ between them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any, Optional

# Imports nothing of ours: the core types (core.py) read their defaults from here.
DEFAULT_GENERATOR = "qwen2.5-coder-1.5b"  # the one place its name is written (models.py describes it)
SMALL_GENERATOR = "qwen2.5-coder-0.5b"  # a third of the size, faster on small bugs, weaker on real projects
# A machine's own default generator: a laptop that prefers the small model's speed, or the test
# suite, which uses the smallest model that exercises a feature. --model and [tool.mucode] win.
MODEL_ENV = "MUCODE_MODEL"


def default_model() -> str:
    """The generator used where no option or ``[tool.mucode]`` names one."""
    return os.environ.get(MODEL_ENV, "").strip() or DEFAULT_GENERATOR


def _setting(default: Any, *flags: str, help: str, project: type | tuple | None = None, **option: Any):
    """A field with its command-line flags and help; ``project``: the TOML types
    ``[tool.mucode]`` accepts for it (None: not settable there); ``option``: more of
    ``typer.Option``'s arguments (``min=1``)."""
    return field(default=default, metadata={"flags": flags, "help": help, "project": project, "option": option})


@dataclass(frozen=True)
class FixSettings:
    model: str = _setting(default_model(), "--model", "-m", project=str,
                          help=f"Generator: a known model name or a GGUF path (default: ${MODEL_ENV} if set, "
                               f"else {DEFAULT_GENERATOR}).")
    verifier: str = _setting(
        "same", "--verifier", project=str,
        help="'same' (the generator, zero-shot), a value-head .json file (mucode train-head), a LoRA adapter "
             ".gguf (mucode train's verifier-lora.gguf, over the generator's weights), 'none', or a known name "
             "or GGUF path (zero-shot).")
    escalate: Optional[str] = _setting(
        None, "--escalate", project=str,
        help="A stronger model (known name or GGUF path) for what the first turn does not fix: --model gets "
             "turn 1, this one the other turns (loaded only if needed).")
    n: int = _setting(5, "-n", project=int, help="Candidates sampled per turn.")
    turns: int = _setting(3, "--turns", project=int, help="Maximum repair turns.")
    temperature: float = _setting(0.7, "--temperature", project=(int, float),
                                  help="Sampling temperature (0 = greedy).")
    seed: int = _setting(0, "--seed", help="Random seed (same seed, same model, same threads: same result).")
    select: str = _setting(
        "pt+lv", "--select", project=str,
        help="Selection policy: pt+lv, pt, lv or random (pt+agree+lv and pt+ex+agree+lv are pt+lv here: fix "
             "has no probe inputs or examples beyond the tests).")
    timeout: float = _setting(30.0, "--timeout", project=(int, float), help="Wall-clock seconds per test run.")
    python: Optional[str] = _setting(
        None, "--python", project=str,
        help="The Python that runs the tests (a path or a venv folder). Default: the active virtualenv, else "
             ".venv/venv in the project, else mucode's own.")
    threads: Optional[int] = _setting(None, "--threads", project=int, min=1,
                                      help="CPU threads for the model (default: physical cores).")
    max_tokens: int = _setting(0, "--max-tokens",
                               help="Cap on tokens per answer (default: from the function's size).")


DEFAULTS = FixSettings()
_FIELDS = {f.name: f for f in fields(FixSettings)}

# [tool.mucode]'s keys and the TOML types each accepts.
PROJECT_KEYS: dict[str, type | tuple] = {f.name: f.metadata["project"] for f in fields(FixSettings)
                                         if f.metadata["project"] is not None}


def option(name: str, **override: Any):
    """The ``typer.Option`` of setting ``name``: its default, flags and help, each of which
    ``override`` may replace (``bench`` has its own help and, for some, its own default)."""
    import typer

    f = _FIELDS[name]
    kw = {"default": f.default, "help": f.metadata["help"], **f.metadata["option"], **override}
    flags = kw.pop("flags", f.metadata["flags"])
    return typer.Option(kw.pop("default"), *flags, **kw)
