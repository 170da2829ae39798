"""The fast path (batched decoding + prompt-lookup drafting) on the real tiny model."""

import numpy as np
import pytest

from mucode_cli.batched import BatchedSampler, _probs, prompt_lookup
from mucode_cli.core import SampleParams

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
            smollm._batch_sampler.cached = {}
        return [c.text for c in smollm.sample(PROMPTS[0], 4, p, seed=seed)]

    a, b = run(11), run(11)
    assert sorted(a) == sorted(b)  # the order can change: sequences finish when they finish
    assert len(a) == 4 and len(set(a)) > 1
    assert sorted(run(12)) != sorted(a)


def test_batched_greedy_sequences_are_one_group_and_equal_the_single_sequence(smollm):
    # Greedy sequences never split up: they decode as one group, one row per step, so the
    # batch layout (hence the numerics) is that of a single sequence.
    one = greedy(smollm, PROMPTS[1], fast=True, draft=8, n=1)[0]
    comps = greedy(smollm, PROMPTS[1], fast=True, draft=8, n=3)
    assert sorted(c.index for c in comps) == [0, 1, 2]
    assert {c.text for c in comps} == {one.text} and one.text.strip()
    assert all(c.n_tokens == one.n_tokens and c.finish == one.finish for c in comps)


def test_prompt_cache_is_reused_across_turns(smollm):
    p = SampleParams(temperature=0.0, max_tokens=16)
    list(smollm.sample(PROMPTS[0], 2, p, seed=0))
    longer = PROMPTS[0] + [{"role": "assistant", "content": "ok"}, {"role": "user", "content": "again"}]
    tokens = smollm.tokenize_chat(longer)
    sampler = smollm._batch_sampler
    reused = sampler._eval_prompt(tokens)
    assert sampler.reused_prompt_tokens > 20
    sampler.cached = {}  # force a full evaluation
    sampler._eval_prompt([0])  # and overwrite the cache
    sampler.cached = {}
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
    sampler.cached = {}
    before = sampler.rows_decoded
    three = greedy(smollm, PROMPTS[0], fast=True, draft=8, n=3)
    rows_three = sampler.rows_decoded - before
    sampler.cached = {}
    before = sampler.rows_decoded
    greedy(smollm, PROMPTS[0], fast=True, draft=8, n=1)
    rows_one = sampler.rows_decoded - before
    assert [c.text for c in three] == [one.text] * 3
    assert rows_three == rows_one


def test_top_k_top_p_and_repetition_penalty_shape_the_distribution():
    logits = np.array([3.0, 2.0, 1.0, 0.5, -1.0])
    p = _probs(logits, SampleParams(temperature=1.0, top_k=2))
    assert np.count_nonzero(p) == 2 and p[0] > p[1] > 0 and p.sum() == pytest.approx(1.0)
    p = _probs(logits, SampleParams(temperature=1.0, top_k=4, top_p=0.5))
    assert np.count_nonzero(p) == 1 and p[0] == 1.0
    base = _probs(logits, SampleParams(temperature=1.0))
    pen = _probs(logits, SampleParams(temperature=1.0, repeat_penalty=2.0), np.array([0, 4]))
    assert pen[0] < base[0] and pen[4] < base[4] and pen[1] > base[1]  # seen tokens are less likely
    assert _probs(logits, SampleParams(temperature=0.0, repeat_penalty=2.0), np.array([0])) is None  # greedy


def test_greedy_first_makes_candidate_one_the_greedy_answer(smollm):
    p = SampleParams(temperature=1.2, repeat_penalty=1.05, greedy_first=True, max_tokens=24)

    def by_index(seed):
        smollm._batch_sampler.cached = {}
        return {c.index: c.text for c in smollm.sample(PROMPTS[1], 3, p, seed=seed)}

    greedy(smollm, PROMPTS[1], fast=True, draft=8)
    a, b = by_index(5), by_index(6)
    assert sorted(a) == [0, 1, 2]
    assert a[0] == b[0]  # the greedy answer does not depend on the seed
    assert (a[1], a[2]) != (b[1], b[2])
    plain = list(smollm.sample(PROMPTS[0], 2, SampleParams(temperature=0.9, fast=False, greedy_first=True,
                                                           max_tokens=24), seed=5))
    assert plain[0].index == 0 and plain[0].text == greedy(smollm, PROMPTS[0], fast=False, draft=0, max_tokens=24)[0].text


def test_several_prompts_decode_in_one_batch_and_their_prompts_are_reused(smollm):
    a = SampleParams(temperature=0.0, max_tokens=24)
    alone = {i: [c.text for c in smollm.sample(PROMPTS[i], 1, a, seed=0)][0] for i in (0, 1)}
    comps = list(smollm.sample_many([(PROMPTS[0], 2, a, 0), (PROMPTS[1], 1, a, 7)]))
    assert sorted((c.ask, c.index) for c in comps) == [(0, 0), (0, 1), (1, 0)]
    got = {c.ask: c.text for c in comps}
    # Greedy answers of each prompt (batch numerics differ in the last bits: compare the start).
    assert got[0][:12] == alone[0][:12] and got[1][:12] == alone[1][:12]
    list(smollm.sample_many([(PROMPTS[0], 2, a, 0), (PROMPTS[1], 1, a, 7)]))
    assert smollm._batch_sampler.reused_prompt_tokens >= len(smollm.tokenize_chat(PROMPTS[1])) - 1


def test_prompts_of_one_call_share_their_common_beginning(smollm):
    sampler = smollm._batched(2, 1)
    head = smollm.tokenize_chat("def add(a, b):\n    '''Add two numbers.'''\n    total = a + b\n")
    p1, p2 = head + smollm.tokenize_chat("    return"), head + smollm.tokenize_chat("    print")
    sampler.cached = {}
    shared = sampler._eval_prompts([p1, p2], [0, 1])[1]
    assert sampler.reused_prompt_tokens >= len(head) - 1  # p2's beginning came from p1's cells
    sampler.cached = {}
    sampler._eval_prompt([0])
    sampler.cached = {}
    alone = sampler._eval_prompts([p2], [0])[0]
    assert sampler.reused_prompt_tokens == 0
    assert int(np.argmax(shared)) == int(np.argmax(alone))
    assert np.max(np.abs(shared - alone)) < 0.05 * np.max(np.abs(alone))


@pytest.mark.parametrize("fast", [False, True])
def test_a_raw_prompt_answered_with_one_line(smollm, fast):
    p = SampleParams(temperature=0.0, max_tokens=32, fast=fast, stop_at_line=True, stop_at_fence=False)
    [c] = list(smollm.sample("def add(a, b):\n    return", 1, p, seed=0))
    assert c.finish == "line" and c.text.count("\n") >= 1 and c.text.split("\n")[0].strip()
    assert c.prompt_tokens < 12  # no chat template around it
