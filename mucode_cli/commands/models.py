"""``mucode models``: list the known models, pull one from the hub, print a model's path."""

from __future__ import annotations

import json
from typing import Optional

import typer

from .. import display
from .common import fail


def models_list(as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """Known models, where they come from, whether installed, and size."""
    from ..models import list_models

    rows = list_models()
    if as_json:
        print(json.dumps([r.__dict__ for r in rows], indent=2))
        return
    display.print_models(rows)


def models_pull(
    hub_id: str = typer.Argument(..., help="OWNER/REPO[:FILE] on the Hugging Face Hub (FILE: a .gguf in it; "
                                           "without it, the repository's one GGUF file, or its Q4_K_M one)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Hub address (default: $HF_ENDPOINT or huggingface.co)."),
):
    """Download a GGUF model from the hub into the cache (once; then --model OWNER/REPO[:FILE] finds it offline)."""
    from ..hub import parse_hub_id, pull

    ref = parse_hub_id(hub_id)
    if ref is None:
        fail(f"not a hub id: {hub_id!r} (expected OWNER/REPO or OWNER/REPO:FILE.gguf)")
    print(pull(ref, endpoint))


def models_path(name: str = typer.Argument(..., help="A known model name or a GGUF path.")):
    """Print the local GGUF path of a model, assembling and verifying it if needed."""
    from ..models import resolve_model

    print(resolve_model(name))
