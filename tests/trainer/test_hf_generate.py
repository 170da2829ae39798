"""The transformers rollout backend on the real tiny model (CPU), alone and inside rollouts."""

from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from bench import mbpp  # noqa: E402
from mucode_cli.core import SampleParams  # noqa: E402
from mucode_cli.sandbox import Sandbox, SandboxLimits  # noqa: E402
from trainer.batching import Request, SharedGenerator  # noqa: E402
from trainer.hf import load_base  # noqa: E402
from trainer.hf_generate import TransformersGenerator  # noqa: E402
from mucode_cli.records import read_jsonl  # noqa: E402
from trainer.rollouts import pick_backend, run_rollouts  # noqa: E402

MBPP = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "mbpp.jsonl"


@pytest.fixture(scope="module")
def gen():
    model, tok = load_base("smollm2-135m")
    return TransformersGenerator(model, tok)


def _chat(text):
    return [{"role": "user", "content": text}]


def test_a_batch_of_prompts_decodes_like_each_prompt_alone(gen):
    greedy = SampleParams(temperature=0, max_tokens=20)
    prompts = ["Write a python function add(a, b) in a ```python block.", "Say hi",
               "Write a python function that reverses a string s."]
    alone = [next(iter(gen.sample(_chat(p), 1, greedy, 0))) for p in prompts]
    batched = gen.sample_batch([Request(_chat(p), 1, greedy, 0) for p in prompts])
    assert [b[0].text for b in batched] == [a.text for a in alone]  # left padding changes nothing
    assert all(c.n_tokens <= 20 for c in alone)
    first = alone[0]
    assert first.finish == "fence" and first.text.rstrip().endswith("```")  # stops when the block closes


def test_sampling_is_seeded_per_batch(gen):
    warm = SampleParams(temperature=0.9, max_tokens=12)
    a = gen.sample_batch([Request(_chat("Tell me a word."), 3, warm, 7)])[0]
    b = gen.sample_batch([Request(_chat("Tell me a word."), 3, warm, 7)])[0]
    assert len(a) == 3 and [c.text for c in a] == [c.text for c in b]


@pytest.mark.skipif(not MBPP.exists(), reason="needs ../shared/datasets/mbpp.jsonl")
def test_rollouts_in_parallel_share_batches(gen, tmp_path):
    tasks = mbpp.load(str(MBPP), "train")[:2]
    shared = SharedGenerator(gen, linger=0.5)
    path = tmp_path / "rollouts.jsonl"
    run_rollouts(tasks, shared, Sandbox(SandboxLimits(timeout=10)), path, rollouts=3, turns=1,
                 params=SampleParams(temperature=0.7, max_tokens=24), seed=0, round_index=1, workers=6)
    shared.close()
    recs = read_jsonl(path)
    assert len(recs) == 2 * 3 and {r["task_id"] for r in recs} == {t.task_id for t in tasks}
    assert max(shared.batches) > 1  # rollouts of different problems decoded together
    # Resuming skips finished problems.
    run_rollouts(tasks, shared, Sandbox(SandboxLimits(timeout=10)), path, rollouts=3, turns=1,
                 params=SampleParams(temperature=0.7, max_tokens=24), seed=0, round_index=1, workers=6)
    assert len(read_jsonl(path)) == 6


def test_auto_backend_is_llama_cpp_without_a_gpu():
    assert pick_backend("auto", "cpu") == "llama"
    assert pick_backend("transformers", "cpu") == "transformers"
    with pytest.raises(ValueError):
        pick_backend("vllm", "cpu")
