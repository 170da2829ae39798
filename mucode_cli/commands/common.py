"""What the commands share: loading the models, the project's folder and sandbox, one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from rich.console import Console

from .. import sandbox as sandbox_mod
from ..errors import UserError


def fail(msg: str) -> None:
    """Stop with a one-line error and exit code 2 (cli.main)."""
    raise UserError(msg)


def load_generator_and_verifier(model: str, verifier: str, threads: Optional[int], console: Console | None):
    from contextlib import nullcontext

    from ..engine import load_model
    from ..verifier import make_verifier

    with console.status(f"loading {model}…") if console is not None else nullcontext():
        gen = load_model(model, threads=threads, busy=sandbox_mod.runs_in_flight)
    return gen, make_verifier(verifier, gen, threads, busy=sandbox_mod.runs_in_flight)


def stronger_loader(escalate: Optional[str], verifier: str, threads: Optional[int]) -> Callable[[], tuple] | None:
    """The cascade's stronger model (``--escalate``) for ``run_fix``: loaded the first time a
    turn 1 fails, then kept for later runs. It scores its own answers, zero-shot, unless no
    verifier was asked for. None without ``--escalate``."""
    if not escalate:
        return None
    loaded: list[tuple] = []

    def stronger() -> tuple:
        if not loaded:
            loaded.append(load_generator_and_verifier(escalate, "none" if verifier == "none" else "same", threads, None))
        return loaded[0]
    return stronger


def project_folder(paths: list[Path], root: Path | None) -> Path:
    """The project these paths are in: --root where given, else where pytest takes its rootdir.
    Worked out once per command: the sandbox's interpreter, ``[tool.mucode]`` and the test runs
    all use this folder."""
    from ..project import find_root

    if root is None:
        return find_root(paths)
    if not root.is_dir():
        raise UserError(f"--root is not a folder: {root}")
    return root.resolve()


def project_sandbox(folder: Path, python: str | None, timeout: float):
    """The sandbox for the tests of the project in ``folder``, run by its own Python."""
    from ..project import find_interpreter

    interp = find_interpreter(folder, python)
    limits = sandbox_mod.SandboxLimits(timeout=timeout)
    return sandbox_mod.Sandbox(limits, python=None if interp.how == "mucode's own" else interp), interp


def python_json(interp) -> dict:
    return {"executable": interp.executable, "version": interp.version, "how": interp.how}
