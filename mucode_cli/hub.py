"""GGUF models from the Hugging Face Hub, where a network exists.

``OWNER/REPO[:FILE]`` is downloaded once into the cache (``models/hub/OWNER--REPO/FILE``),
refused unless it is a GGUF file, and recorded with its sha256 beside it; afterwards the same id
finds it offline. Without ``:FILE`` the repository's one GGUF file is taken (of several, the
Q4_K_M one).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .cache import cache_dir
from .errors import UserError

# owner/name as the Hub spells them, then an optional :file inside the repository.
_HUB_ID = re.compile(r"^(?P<repo>[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)(?::(?P<file>[^:]+))?$")
GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class HubRef:
    repo: str
    file: str | None = None

    def __str__(self) -> str:
        return f"{self.repo}:{self.file}" if self.file else self.repo


def parse_hub_id(spec: str) -> HubRef | None:
    """The hub reference ``spec`` names, or None if it reads as a file path instead (it exists,
    or it is a path to a .gguf file: ``models/small.gguf``)."""
    m = _HUB_ID.match(spec)
    if not m or Path(spec).expanduser().exists():
        return None
    if m["file"] is None and m["repo"].lower().endswith(".gguf"):
        return None
    return HubRef(m["repo"], m["file"])


def hub_dir() -> Path:
    return cache_dir() / "hub"


def _folder(ref: HubRef) -> Path:
    return hub_dir() / ref.repo.replace("/", "--")


def _record_path(gguf: Path) -> Path:
    return gguf.with_name(gguf.name + ".json")


def pulled(ref: HubRef) -> Path | None:
    """The cached file of an earlier pull of ``ref`` (without a file: the repository's only one)."""
    folder = _folder(ref)
    if ref.file:
        path = folder / ref.file
        return path if path.is_file() and _record_path(path).is_file() else None
    found = sorted(p for p in folder.rglob("*.gguf") if _record_path(p).is_file()) if folder.is_dir() else []
    return found[0] if len(found) == 1 else None


def pulled_models() -> list[dict]:
    """The records of every pulled model: repo, file, size, sha256, path."""
    out = []
    for record in sorted(hub_dir().rglob("*.gguf.json")) if hub_dir().is_dir() else []:
        try:
            data = json.loads(record.read_text())
        except (OSError, ValueError):
            continue
        gguf = record.with_name(record.name[: -len(".json")])
        if gguf.is_file():
            out.append({**data, "path": str(gguf)})
    return out


def choose_file(files: list[str], repo: str) -> str:
    ggufs = [f for f in files if f.lower().endswith(".gguf")]
    if len(ggufs) == 1:
        return ggufs[0]
    preferred = [f for f in ggufs if "q4_k_m" in f.lower()]
    if len(preferred) == 1:
        return preferred[0]
    if not ggufs:
        raise UserError(f"{repo} has no .gguf file on the hub: name one as {repo}:FILE")
    shown = ", ".join(ggufs[:6]) + (", ..." if len(ggufs) > 6 else "")
    raise UserError(f"{repo} has {len(ggufs)} GGUF files ({shown}): name one as {repo}:FILE")


def pull(ref: HubRef, endpoint: str | None = None) -> Path:
    """Download ``ref`` into the cache (once), refuse it unless it is GGUF, record its sha256."""
    try:
        from huggingface_hub import HfApi, hf_hub_download
        from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError, OfflineModeIsEnabled
    except ImportError:
        raise UserError('downloading from the hub needs huggingface_hub: pip install "mucode[hub]"') from None
    failures = (HfHubHTTPError, LocalEntryNotFoundError, OfflineModeIsEnabled, OSError, *_transport_errors())
    endpoint = endpoint or os.environ.get("HF_ENDPOINT") or None
    try:
        file = ref.file or choose_file([s.rfilename for s in HfApi(endpoint=endpoint).model_info(ref.repo).siblings or []],
                                       ref.repo)
    except failures as e:
        raise UserError(f"cannot list {ref.repo} on the hub: {_short(e)}") from None
    if not file.lower().endswith(".gguf"):
        raise UserError(f"{ref.repo}:{file} is not a .gguf file (mucode runs GGUF models through llama.cpp)")
    target = _folder(HubRef(ref.repo, file)) / file
    if target.is_file() and _record_path(target).is_file():
        return target
    hub_dir().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=hub_dir(), prefix=".pull-") as tmp:
        try:
            got = Path(hf_hub_download(ref.repo, file, local_dir=tmp, endpoint=endpoint))
        except failures as e:
            raise UserError(f"cannot download {ref.repo}:{file}: {_short(e)}") from None
        with open(got, "rb") as f:
            if f.read(4) != GGUF_MAGIC:
                raise UserError(f"{ref.repo}:{file} is not a GGUF file (bad magic bytes); nothing was kept")
        digest = hashlib.sha256()
        with open(got, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(got, target)
        record = {"repo": ref.repo, "file": file, "size": target.stat().st_size, "sha256": digest.hexdigest()}
        _record_path(target).write_text(json.dumps(record, indent=2) + "\n")
        shutil.rmtree(Path(tmp) / ".cache", ignore_errors=True)
    return target


def resolve_hub(ref: HubRef, endpoint: str | None = None) -> Path:
    """A pulled model's path, pulling it first where it is not cached yet."""
    return pulled(ref) or pull(ref, endpoint)


def _transport_errors() -> tuple[type[BaseException], ...]:
    """The HTTP client's own errors (connection refused, timeouts): huggingface_hub's client
    library differs between its releases."""
    import importlib

    out = []
    for name in ("httpx2", "httpx", "requests"):
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        err = getattr(mod, "RequestException", None) or getattr(mod, "HTTPError", None)
        if isinstance(err, type):
            out.append(err)
    return tuple(out)


def _short(e: Exception) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__
