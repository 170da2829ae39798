"""The model layer with the real llama.cpp runtime on the tiny SmolLM2 model."""

import pytest

from mucode_cli.core import SampleParams
from mucode_cli.errors import UserError
from mucode_cli.models import resolve_model
from mucode_cli.verifier import LlamaVerifier, verifier_messages

MSGS = [{"role": "user", "content": "Write a Python function that adds two numbers."}]


def test_greedy_is_deterministic_and_seeds_reproduce(smollm):
    p = SampleParams(temperature=0.0, max_tokens=24, stop_at_fence=False, fast=False)
    a = [c.text for c in smollm.sample(MSGS, 2, p, seed=1)]
    assert a[0] == a[1] and a[0].strip()
    t = SampleParams(temperature=0.9, max_tokens=24, stop_at_fence=False, fast=False)
    first = [c.text for c in smollm.sample(MSGS, 3, t, seed=5)]
    again = [c.text for c in smollm.sample(MSGS, 3, t, seed=5)]
    assert first == again
    assert len(set(first)) > 1  # different seeds per candidate


def test_prompt_is_evaluated_once_for_n_samples(smollm):
    evaluated = []
    real_eval = smollm.llm.eval

    def counting_eval(tokens):
        evaluated.append(len(tokens))
        return real_eval(tokens)

    smollm.llm.reset()
    smollm.llm.eval = counting_eval
    try:
        p = SampleParams(temperature=0.7, max_tokens=8, stop_at_fence=False, fast=False)
        comps = list(smollm.sample(MSGS + [{"role": "user", "content": "x" * 200}], 3, p, seed=0))
    finally:
        del smollm.llm.eval
    prompt = comps[0].prompt_tokens
    # The first sample evaluates the whole prompt; the others reuse its KV cache.
    assert max(evaluated) >= prompt - 1
    assert sum(n for n in evaluated if n > 1) < 2 * prompt


@pytest.mark.parametrize("fast", [False, True])
def test_stop_at_closing_fence(smollm, fast):
    from mucode_cli.answers import fence_closed

    msgs = [{"role": "user", "content": "Reply with a python code block printing hello, then explain it."}]
    params = SampleParams(temperature=0.7, max_tokens=200, fast=fast)
    by_seed = {seed: list(smollm.sample(msgs, 2, params, seed=seed)) for seed in range(2)}
    fenced = [(seed, c) for seed, comps in by_seed.items() for c in comps if c.finish == "fence"]
    assert fenced, "no answer closed a code block in 4 samples"  # measured: 2 to 4 of 4 do
    for _, c in fenced:
        assert c.text.rstrip().endswith("```") and fence_closed(c.text)
        assert c.text.count("```") == 2  # stopped at the first block's end, nothing after it
    # Without the stop, the same seed goes on past the block (explaining it, as asked).
    seed, first = fenced[0]
    on = {c.index: c for c in smollm.sample(
        msgs, 2, SampleParams(temperature=0.7, max_tokens=200, fast=fast, stop_at_fence=False), seed=seed)}[first.index]
    assert on.finish != "fence" and on.n_tokens > first.n_tokens and on.text.startswith(first.text.rstrip()[:-3])


def test_shared_prefix_scores_equal_scratch_scores(smollm):
    v = LlamaVerifier(smollm)
    answers = ["def add(a, b):\n    return a + b", "def add(a, b):\n    return a - b", "print('hi')"]
    shared = v.score("Add two numbers.", answers)
    scratch = []
    for a in answers:
        smollm.llm.reset()  # forget the cache: a full evaluation
        logits = smollm.next_token_logits(verifier_messages("Add two numbers.", a))
        scratch.append(float(logits[v.yes] - logits[v.no]))
    assert shared == pytest.approx(scratch, abs=1e-2)


def test_bad_model_files_are_user_errors(tmp_path):
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    from mucode_cli.engine import LlamaModel

    with pytest.raises(UserError, match="corrupt"):
        LlamaModel(bad)
    junk = tmp_path / "junk.gguf"
    junk.write_text("hello")
    with pytest.raises(UserError, match="magic"):
        resolve_model(str(junk))
    with pytest.raises(UserError, match="not found"):
        resolve_model(str(tmp_path / "missing.gguf"))
    with pytest.raises(UserError, match="unknown model"):
        resolve_model("no-such-model")


def test_known_models_resolve_to_gguf_files():
    from mucode_cli.models import KNOWN_MODELS, list_models

    for name in KNOWN_MODELS:
        path = resolve_model(name)
        assert path.read_bytes()[:4] == b"GGUF"
    assert {m.name for m in list_models() if m.installed} == set(KNOWN_MODELS)


def test_llama_cpp_yields_a_core_while_a_sandboxed_test_runs(smollm, tmp_path):
    import threading
    import time

    import llama_cpp

    from mucode_cli.sandbox import Sandbox, SandboxLimits, runs_in_flight

    ctx = smollm.llm._ctx.ctx
    gov = smollm.governor
    (tmp_path / "test_slow.py").write_text("import time\n\ndef test_slow():\n    time.sleep(4)\n")
    run = threading.Thread(target=Sandbox(SandboxLimits(timeout=20)).run_pytest,
                           args=(tmp_path, {}, ["test_slow.py"]))
    run.start()
    deadline = time.monotonic() + 10
    while not runs_in_flight() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert runs_in_flight()
    gov.apply(ctx)
    during = llama_cpp.llama_n_threads(ctx)
    run.join()
    gov.apply(ctx)
    assert during == max(1, gov.threads - 1) and llama_cpp.llama_n_threads(ctx) == gov.threads


def test_fill_in_the_middle_markers_come_from_the_vocab(qwen, smollm):
    assert qwen.fim_tokens() == ("<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>")
    marks = smollm.fim_tokens()
    assert marks is None or all(len(smollm.tokenize_chat(m)) == 1 for m in marks)
