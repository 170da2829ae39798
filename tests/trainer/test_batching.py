"""The shared rollout generator: concurrent requests coalesce, results go back to their caller."""

import threading
import time

import pytest

from mucode_cli.core import Completion, SampleParams
from trainer.batching import SharedGenerator
from trainer.loop import shard, total_steps


class EchoBatch:
    """Answers each request with its own prompt text, so a mix-up between callers shows."""

    def __init__(self, fail_on=None):
        self.calls = []
        self.fail_on = fail_on

    def sample_batch(self, requests):
        self.calls.append(len(requests))
        time.sleep(0.05)
        if any(r.messages[0]["content"] == self.fail_on for r in requests):
            raise RuntimeError("backend failed")
        return [[Completion(f"{r.messages[0]['content']}#{i}", 1, 0.0, "stop") for i in range(r.n)] for r in requests]


class Serial:
    """A non-batching backend that notices being entered by two threads at once."""

    def __init__(self):
        self.inside = 0
        self.overlap = False

    def sample(self, messages, n, params, seed):
        self.inside += 1
        self.overlap |= self.inside > 1
        time.sleep(0.02)
        self.inside -= 1
        for i in range(n):
            yield Completion(messages[0]["content"], 1, 0.0, "stop")


def _run_threads(gen, prompts, n=1):
    out = {}

    def one(p):
        out[p] = [c.text for c in gen.sample([{"role": "user", "content": p}], n, SampleParams(), 0)]

    threads = [threading.Thread(target=one, args=(p,)) for p in prompts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_concurrent_requests_are_batched_and_answered_to_their_caller():
    backend = EchoBatch()
    gen = SharedGenerator(backend, max_batch=64, linger=0.2)
    prompts = [f"p{i}" for i in range(12)]
    out = _run_threads(gen, prompts, n=2)
    gen.close()
    assert out == {p: [f"{p}#0", f"{p}#1"] for p in prompts}
    assert sum(backend.calls) == 12 and max(backend.calls) > 1  # coalesced, none lost


def test_a_backend_failure_reaches_every_waiting_caller():
    gen = SharedGenerator(EchoBatch(fail_on="bad"), linger=0.2)
    errors = []

    def one(p):
        try:
            list(gen.sample([{"role": "user", "content": p}], 1, SampleParams(), 0))
        except RuntimeError as e:
            errors.append(str(e))

    threads = [threading.Thread(target=one, args=(p,)) for p in ("bad", "ok")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    gen.close()
    assert errors and all(e == "backend failed" for e in errors)


def test_a_non_batching_backend_is_called_by_one_thread_at_a_time():
    backend = Serial()
    gen = SharedGenerator(backend)
    out = _run_threads(gen, [f"q{i}" for i in range(8)], n=2)
    assert out == {f"q{i}": [f"q{i}", f"q{i}"] for i in range(8)} and not backend.overlap


@pytest.mark.parametrize("n,bs,world", [(10, 2, 2), (7, 3, 2), (5, 4, 3), (4, 1, 1)])
def test_shards_cover_each_global_batch_once_and_are_never_empty(n, bs, world):
    order = list(range(n))
    for start in range(0, n, bs * world):
        parts = [shard(order, start, bs, world, r) for r in range(world)]
        assert all(len(p) == bs for p in parts)  # nobody skips a DDP forward
        flat = [i for p in parts for i in p]
        assert set(order[start:start + bs * world]) <= set(flat)
    assert total_steps(n, bs, 1, 1, None, world) == -(-n // (bs * world))
