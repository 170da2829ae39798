"""Where mucode keeps what it assembles or downloads: ``$MUCODE_CACHE`` or the user's cache
directory. Its own module so that the model registry and the hub client can both reach it
without importing each other."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir


def cache_dir() -> Path:
    """The models cache (assembled known models, pulled hub files)."""
    return Path(os.environ.get("MUCODE_CACHE") or user_cache_dir("mucode")) / "models"
