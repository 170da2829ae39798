import os
import subprocess
import sys

from mucode_cli.models import KNOWN_MODELS, is_installed
from mucode_cli.settings import DEFAULT_GENERATOR, DEFAULTS, MODEL_ENV, default_model


def test_the_default_generator_is_a_known_model_the_plain_install_brings():
    assert DEFAULT_GENERATOR == "qwen2.5-coder-1.5b"
    assert is_installed(KNOWN_MODELS[DEFAULT_GENERATOR])
    assert next(iter(KNOWN_MODELS)) == DEFAULT_GENERATOR  # listed first by `mucode models list`


def test_mucode_model_sets_the_default_and_a_blank_one_does_not(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "qwen2.5-coder-0.5b")
    assert default_model() == "qwen2.5-coder-0.5b"
    monkeypatch.setenv(MODEL_ENV, "  ")
    assert default_model() == DEFAULT_GENERATOR
    monkeypatch.delenv(MODEL_ENV)
    assert default_model() == DEFAULT_GENERATOR


def test_the_default_is_read_from_the_environment_at_start_up():
    """Read once at start-up: what `fix --help` shows is what a bare `fix` loads."""
    assert DEFAULTS.model == "qwen2.5-coder-0.5b"  # tests/conftest.py sets MUCODE_MODEL
    code = "from mucode_cli.settings import DEFAULTS; print(DEFAULTS.model)"
    env = {"PATH": "/usr/bin:/bin"}
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert plain.stdout.strip() == DEFAULT_GENERATOR, plain.stderr
    small = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           env={**env, MODEL_ENV: "smollm2-135m"})
    assert small.stdout.strip() == "smollm2-135m", small.stderr


def test_an_unknown_mucode_model_is_a_one_line_error_and_nothing_is_written(example):
    from tests.mucode_cli.test_cli import snapshot

    before = snapshot(example)
    r = subprocess.run([sys.executable, "-m", "mucode_cli.cli", "fix", str(example / "stats.py"), "--tests",
                        str(example / "test_stats.py"), "--yes"], capture_output=True, text=True, timeout=300,
                       env={**os.environ, MODEL_ENV: "no-such-model"}, stdin=subprocess.DEVNULL)
    assert r.returncode == 2
    assert r.stderr.startswith("mucode: error: unknown model 'no-such-model'") and r.stderr.count("\n") == 1
    assert snapshot(example) == before
