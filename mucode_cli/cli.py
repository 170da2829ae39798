"""The ``mucode`` command: a thin Typer layer over the library, assembled from one module per
command group (mucode_cli/commands/); all terminal output is in display.py.

Exit codes: 0 success, 1 not fixed / tests fail, 2 bad input or usage, 130 interrupted.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from . import sandbox as sandbox_mod
from .commands import bench, models, repair, train
from .errors import UserError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Repair Python code until its pytest tests pass, with small local models (µCode).")
app.command()(repair.check)
app.command()(repair.fix)
app.command()(bench.bench)
app.command()(train.train)
app.command("train-head")(train.train_head)
app.command("eval-head")(train.eval_head)
app.command("train-verifier")(train.train_verifier)

models_app = typer.Typer(no_args_is_help=True, help="Models: list them, pull one from the hub, or print a model's local path.")
models_app.command("list")(models.models_list)
models_app.command("pull")(models.models_pull)
models_app.command("path")(models.models_path)
app.add_typer(models_app, name="models")

err = Console(stderr=True)


def main() -> None:
    try:
        rc = app(standalone_mode=False)
        if rc == 130:  # typer turns Ctrl-C into Exit(130)
            raise KeyboardInterrupt
        sys.exit(rc if isinstance(rc, int) else 0)
    except UserError as e:
        err.print(f"mucode: error: {e}", highlight=False, markup=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sandbox_mod.kill_running()
        err.print("mucode: interrupted; nothing written", highlight=False)
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except Exception as e:  # click usage errors (typer may vendor its own click)
        if hasattr(e, "show") and hasattr(e, "exit_code"):
            if hasattr(e, "format_message") and type(e).__name__ != "NoArgsIsHelpError":
                # One line, as for every other bad input: "Invalid value for '--limit': 0 is not in the range x>=1."
                err.print(f"mucode: error: {e.format_message()}", highlight=False, markup=False, soft_wrap=True)
            else:
                e.show()
            sys.exit(2)
        if type(e).__name__ == "Abort":
            err.print("mucode: aborted; nothing written")
            sys.exit(130)
        raise


if __name__ == "__main__":
    main()
