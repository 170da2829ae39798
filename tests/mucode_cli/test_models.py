"""Assembling a known model from the parts its packages ship: verified, atomic, re-checked.

Real installed distributions stand in for the model's data-only wheels (pytest's own files:
small, always there), so every branch runs in milliseconds.
"""

import hashlib
import importlib.metadata as md
import os
from pathlib import Path

import numpy as np
import pytest

from mucode_cli.errors import UserError
from mucode_cli.models import KnownModel, known_model_path

PARTS = (("pytest", "_pytest/__init__.py"), ("pytest", "_pytest/_argcomplete.py"))


def _joined() -> bytes:
    return b"".join(Path(str(md.distribution(d).locate_file(r))).read_bytes() for d, r in PARTS)


def _model(sha256: str) -> KnownModel:
    return KnownModel(name="test-model", description="two real files", parts=PARTS, size=len(_joined()),
                      sha256=sha256, install_hint="pip install pytest")


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MUCODE_CACHE", str(tmp_path))
    return tmp_path / "models"


def test_parts_are_joined_in_order_verified_and_stamped(cache):
    path = known_model_path(_model(hashlib.sha256(_joined()).hexdigest()))
    assert path == cache / "test-model.gguf" and path.read_bytes() == _joined()
    assert path.with_suffix(".verified").is_file()


def test_a_hash_mismatch_is_a_user_error_and_leaves_no_file(cache):
    with pytest.raises(UserError, match="joined parts do not match the expected file"):
        known_model_path(_model("0" * 64))
    assert not (cache / "test-model.gguf").exists()
    assert list(cache.iterdir()) == []  # not even the temporary file


def test_a_cached_file_changed_on_disk_is_assembled_again(cache):
    model = _model(hashlib.sha256(_joined()).hexdigest())
    path = known_model_path(model)
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF  # same size, one byte flipped: the size check alone would miss it
    before = path.stat().st_mtime_ns
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before + 10**9, before + 10**9))  # a later edit, on any timestamp granularity
    assert known_model_path(model).read_bytes() == _joined()


def test_a_missing_part_says_how_to_install(cache):
    model = KnownModel(name="absent", description="", parts=(("no-such-dist-xyz", "a.bin"),) * 2, size=1,
                       sha256="0" * 64, install_hint="pip install no-such-dist-xyz")
    with pytest.raises(UserError, match="not installed .*pip install no-such-dist-xyz"):
        known_model_path(model)


def test_gguf_type_reads_general_type_from_the_header(tmp_path):
    """Adapter or model, told apart before llama.cpp loads anything; a file without the key or
    cut short is neither."""
    gguf = pytest.importorskip("gguf")
    from mucode_cli.models import gguf_type, resolve_model

    def write(path, kind, arrays=True):
        w = gguf.GGUFWriter(str(path), arch="llama")
        if arrays:  # long arrays before the key: skipped, not read into memory
            w.add_array("tokenizer.ggml.tokens", [f"t{i}" for i in range(3000)])
            w.add_array("tokenizer.ggml.scores", [0.5] * 3000)
        if kind:
            w.add_type(kind)
        w.add_tensor("x", np.zeros((2, 32), dtype=np.float32))
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
        w.close()
        return path

    assert gguf_type(write(tmp_path / "a.gguf", "adapter")) == "adapter"
    assert gguf_type(write(tmp_path / "m.gguf", "model", arrays=False)) == "model"
    assert gguf_type(write(tmp_path / "n.gguf", None)) is None
    cut = tmp_path / "cut.gguf"
    cut.write_bytes((tmp_path / "a.gguf").read_bytes()[:200])
    assert gguf_type(cut) is None
    (tmp_path / "junk.gguf").write_bytes(b"not a gguf at all")
    assert gguf_type(tmp_path / "junk.gguf") is None
    assert gguf_type(resolve_model("smollm2-135m")) == "model"  # the tiny model ships as one file
