"""Pulling GGUF models from a hub: against a local HTTP server on 127.0.0.1 that answers as the
Hugging Face Hub does (no test reaches a real hub), through the real huggingface_hub client."""

import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

REPO = "someone/tiny-coder-GGUF"
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def _small_gguf(path) -> bytes:
    gguf = pytest.importorskip("gguf")
    w = gguf.GGUFWriter(str(path), arch="llama")
    w.add_type("model")
    w.add_tensor("x", np.zeros((2, 32), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path.read_bytes()


@pytest.fixture
def hub(tmp_path):
    """A hub with one repository: a Q4_K_M GGUF, another GGUF, an HTML page named .gguf."""
    files = {"tiny-Q4_K_M.gguf": _small_gguf(tmp_path / "m.gguf"), "tiny-Q8_0.gguf": _small_gguf(tmp_path / "m.gguf"),
             "page.gguf": b"<html>not a model</html>", "README.md": b"# tiny\n"}
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, body: bool):
            requests.append((self.command, self.path))
            status = 200
            info = f"/api/models/{REPO}"
            prefix = f"/{REPO}/resolve/main/"
            if self.path.split("?")[0] in (info, info + "/revision/main"):
                data = json.dumps({"id": REPO, "sha": COMMIT,
                                   "siblings": [{"rfilename": f} for f in files]}).encode()
                headers = {"Content-Type": "application/json"}
            elif self.path.startswith(prefix) and self.path[len(prefix):] in files:
                data = files[self.path[len(prefix):]]
                headers = {"X-Repo-Commit": COMMIT, "ETag": f'"{hashlib.sha1(data).hexdigest()}"',
                           "Content-Type": "application/octet-stream"}
            else:
                data, headers, status = b'{"error": "Repository not found"}', {"X-Error-Code": "RepoNotFound"}, 404
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def do_GET(self):
            self._answer(True)

        def do_HEAD(self):
            self._answer(False)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}", "files": files, "requests": requests,
           "stop": server.shutdown}
    server.shutdown()
    server.server_close()


def mucode(*args, env):
    return subprocess.run([sys.executable, "-m", "mucode_cli.cli", *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture
def env(tmp_path, hub):
    return dict(os.environ, MUCODE_CACHE=str(tmp_path / "cache"), HF_ENDPOINT=hub["url"],
                HF_HOME=str(tmp_path / "hf"), HF_HUB_DISABLE_TELEMETRY="1")


def test_pull_downloads_the_q4_k_m_file_records_its_sha256_and_is_found_offline(tmp_path, hub, env):
    r = mucode("models", "pull", REPO, env=env)
    assert r.returncode == 0, r.stderr
    path = tmp_path / "cache" / "models" / "hub" / "someone--tiny-coder-GGUF" / "tiny-Q4_K_M.gguf"
    assert r.stdout.strip() == str(path)
    assert path.read_bytes() == hub["files"]["tiny-Q4_K_M.gguf"]
    listed = json.loads(mucode("models", "list", "--json", env=env).stdout)
    entry = next(m for m in listed if m["name"] == f"{REPO}:tiny-Q4_K_M.gguf")
    assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest() and entry["installed"]
    # Offline, with the hub gone: the id still names the pulled file, without a request.
    hub["stop"]()
    offline = dict(env, HF_HUB_OFFLINE="1")
    seen = len(hub["requests"])
    r = mucode("models", "path", REPO, env=offline)
    assert r.returncode == 0 and r.stdout.strip() == str(path), r.stderr
    assert mucode("models", "path", f"{REPO}:tiny-Q4_K_M.gguf", env=offline).stdout.strip() == str(path)
    assert len(hub["requests"]) == seen


def test_a_file_that_is_not_gguf_is_refused_and_nothing_kept(tmp_path, env):
    r = mucode("models", "pull", f"{REPO}:page.gguf", env=env)
    assert r.returncode == 2
    assert r.stderr.strip().startswith("mucode: error:") and "not a GGUF file" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not list((tmp_path / "cache").rglob("*.gguf*"))
    r = mucode("models", "pull", f"{REPO}:README.md", env=env)
    assert r.returncode == 2 and "not a .gguf file" in r.stderr


@pytest.mark.parametrize("spec, message", [("nobody/missing", "cannot list nobody/missing"),
                                            ("not a hub id", "not a hub id")])
def test_bad_hub_ids_are_one_line_errors(env, spec, message):
    r = mucode("models", "pull", spec, env=env)
    assert r.returncode == 2 and message in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_offline_without_a_pull_says_so_in_one_line(env):
    r = mucode("models", "path", REPO, env=dict(env, HF_HUB_OFFLINE="1"))
    assert r.returncode == 2 and "cannot list" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_hub_ids_and_paths_are_told_apart(tmp_path):
    from mucode_cli.hub import HubRef, parse_hub_id

    assert parse_hub_id("Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF") == HubRef("Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF")
    assert parse_hub_id("a/b:sub/c.gguf") == HubRef("a/b", "sub/c.gguf")
    assert parse_hub_id("models/small.gguf") is None  # a relative path to a GGUF file
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "y").write_text("")
    assert parse_hub_id(str(tmp_path / "x" / "y")) is None
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert parse_hub_id("x/y") is None  # exists here: a path
    finally:
        os.chdir(cwd)
