"""The fast path (batched decoding + prompt-lookup drafting) on the real tiny model."""

import numpy as np
import pytest

from mucode_cli.batched import BatchedSampler, _probs, prompt_lookup
from mucode_cli.engine import SampleParams

PROMPTS = [
    [{"role": "user", "content": "Fix this function so that add(2, 3) == 5:\n```python\ndef add(a, b):\n"
                                 "    # add two numbers\n    result = a - b\n    return result\n```"}],
    [{"role": "user", "content": "Rewrite with a docstring:\n```python\ndef area(w, h):\n    return w * h\n```"}],
    [{"role": "user", "content": "What is the capital of France? Answer in one sentence."}],
]


def greedy(model, msgs, fast, draft, n=1, max_tokens=48):
    p = SampleParams(temperature=0.0, max_tokens=max_tokens, fast=fast, draft_tokens=draft)
    return [c for c in model.sample(msgs, n, p, seed=0)]


@pytest.mark.parametrize("i", range(len(PROMPTS)))
def test_fast_path_with_one_sequence_equals_plain_greedy(smollm, i):
    plain = greedy(smollm, PROMPTS[i], fast=False, draft=0)[0]
    fast = greedy(smollm, PROMPTS[i], fast=True, draft=0)[0]
    assert fast.text == plain.text and fast.n_tokens == plain.n_tokens


@pytest.mark.parametrize("i", range(len(PROMPTS)))
def test_drafting_is_lossless_under_greedy(smollm, i):
    undrafted = greedy(smollm, PROMPTS[i], fast=True, draft=0)[0]
    drafted = greedy(smollm, PROMPTS[i], fast=True, draft=8)[0]
    assert drafted.text == undrafted.text
    if i == 0:
        assert drafted.accepted > 0  # the answer re-types the prompt's code


def test_every_sequence_of_a_batch_is_reproducible_and_distinct(smollm):
    p = SampleParams(temperature=0.8, max_tokens=40)

    def run(seed):
        # Same seed *and* same batch layout: start from an empty cache each time (a reused
        # prompt prefix changes the layout, hence the last bits of the logits).
        if getattr(smollm, "_batch_sampler", None) is not None:
            smollm._batch_sampler.cached = []
        return [c.text for c in smollm.sample(PROMPTS[0], 4, p, seed=seed)]

    a, b = run(11), run(11)
    assert sorted(a) == sorted(b)  # the order can change: sequences finish when they finish
    assert len(a) == 4 and len(set(a)) > 1
    assert sorted(run(12)) != sorted(a)


def test_batched_greedy_sequences_are_valid_samples(smollm):
    comps = greedy(smollm, PROMPTS[1], fast=True, draft=8, n=3)
    assert len(comps) == 3 and all(c.text.strip() for c in comps)


def test_prompt_cache_is_reused_across_turns(smollm):
    p = SampleParams(temperature=0.0, max_tokens=16)
    list(smollm.sample(PROMPTS[0], 2, p, seed=0))
    longer = PROMPTS[0] + [{"role": "assistant", "content": "ok"}, {"role": "user", "content": "again"}]
    tokens = smollm.tokenize_chat(longer)
    sampler = smollm._batch_sampler
    reused = sampler._eval_prompt(tokens)
    assert sampler.reused_prompt_tokens > 20
    sampler.cached = []  # force a full evaluation
    sampler._eval_prompt([0])  # and overwrite the cache
    sampler.cached = []
    full = sampler._eval_prompt(tokens)
    assert sampler.reused_prompt_tokens == 0
    # A different batch layout changes the last bits, not the prediction.
    assert int(np.argmax(reused)) == int(np.argmax(full))
    assert np.max(np.abs(reused - full)) < 0.05 * np.max(np.abs(full))


def test_prompt_lookup_proposes_what_followed_the_ngram():
    ctx = [1, 2, 3, 4, 5, 6, 9, 9, 2, 3, 4]
    assert prompt_lookup(ctx, 3) == [5, 6, 9]
    assert prompt_lookup([1, 2, 3], 3) == []
    assert prompt_lookup(ctx, 0) == []


def test_speculative_acceptance_keeps_the_distribution():
    """Accept d with p(d), else draw from p without d: the token law stays p."""
    rng = np.random.default_rng(0)
    logits = np.log(np.array([0.5, 0.3, 0.2]))
    p = _probs(logits, SampleParams(temperature=1.0))
    counts = np.zeros(3)
    for _ in range(20000):
        tok, _ok = BatchedSampler._verify(logits, p, 1, rng)
        counts[tok] += 1
    assert counts / counts.sum() == pytest.approx(p, abs=0.015)


def test_identical_sequences_share_their_rows(smollm):
    """Greedy sequences never diverge: N of them cost the rows of one, and equal it exactly."""
    one = greedy(smollm, PROMPTS[0], fast=True, draft=8, n=1)[0]
    sampler = smollm._batch_sampler
    sampler.cached = []
    before = sampler.rows_decoded
    three = greedy(smollm, PROMPTS[0], fast=True, draft=8, n=3)
    rows_three = sampler.rows_decoded - before
    sampler.cached = []
    before = sampler.rows_decoded
    greedy(smollm, PROMPTS[0], fast=True, draft=8, n=1)
    rows_one = sampler.rows_decoded - before
    assert [c.text for c in three] == [one.text] * 3
    assert rows_three == rows_one
