"""Speed of one repair turn: plain path vs fast path, naive vs shared-prefix scoring, and the
cost of a value head or a LoRA-adapter verifier beside the zero-shot one.

    python bench/speed.py --json [--model NAME|PATH] [--n 5] [--reps 3] [--max-tokens 256] [--with-tests]
                                 [--budgets 0,24] [--attention 200,1000,2000]

Every figure is a median over ``--reps`` repetitions measured in this one run, so the ratios
compare like with like on whatever machine runs it. Not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mucode_cli.core import SampleParams  # noqa: E402
from mucode_cli.engine import load_model, physical_cores  # noqa: E402
from mucode_cli.settings import default_model  # noqa: E402
from mucode_cli.sandbox import runs_in_flight  # noqa: E402
from mucode_cli.value_head import ValueHead, prompt_sha256  # noqa: E402
from mucode_cli.verifier import VERIFY_QUESTION, LlamaVerifier, verifier_messages  # noqa: E402

FUNCTION = '''def summarize_orders(orders, currency="EUR"):
    """Total, average and largest order per customer, in one currency."""
    rates = {"EUR": 1.0, "USD": 0.92, "GBP": 1.17}
    totals = {}
    counts = {}
    largest = {}
    for order in orders:
        customer = order["customer"]
        amount = order["amount"] * rates[order.get("currency", "EUR")]
        if currency != "EUR":
            amount = amount * rates[currency]
        totals[customer] = totals.get(customer, 0) + amount
        counts[customer] = counts.get(customer, 0) + 1
        if customer not in largest or amount > largest[customer]:
            largest[customer] = amount
    result = {}
    for customer in totals:
        result[customer] = {
            "total": round(totals[customer], 2),
            "average": round(totals[customer] / counts[customer], 2),
            "largest": round(largest[customer], 2),
        }
    return result
'''

TEST = '''from orders import summarize_orders


def test_usd_report():
    r = summarize_orders([{"customer": "a", "amount": 100}], currency="USD")
    assert r["a"]["total"] == 108.7
'''


def repair_prompt() -> str:
    """The first-turn prompt ``fix`` builds for FUNCTION and its failing test: made by the
    same code, so that a change to the prompt is timed here too."""
    import tempfile

    from mucode_cli.fix import prepare
    from mucode_cli.repair_env import RepairEnvironment
    from mucode_cli.sandbox import Sandbox, SandboxLimits

    folder = Path(tempfile.mkdtemp(prefix="mucode-speed-"))
    (folder / "orders.py").write_text(FUNCTION)
    (folder / "test_orders.py").write_text(TEST)
    box = Sandbox(SandboxLimits(timeout=30))
    report = prepare(folder / "orders.py", [folder / "test_orders.py"], box)
    env = RepairEnvironment(report.inputs, report.targets, report.before, box)
    return env.initial_messages()[-1]["content"]


def median_time(fn, reps):
    times, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def timed_beside_tests(model, generate, reps) -> dict:
    """Fast-path seconds while a sandboxed pytest run repeats in another thread (as in fix
    and bench, whose tests overlap generation): with the thread governor, and with it off."""
    import tempfile
    import threading

    from mucode_cli.sandbox import Sandbox, SandboxLimits

    folder = Path(tempfile.mkdtemp(prefix="mucode-speed-"))
    (folder / "test_busy.py").write_text("def test_busy():\n    assert sum(range(10**6)) > 0\n")
    box = Sandbox(SandboxLimits(timeout=30))
    stop = threading.Event()

    def tests():
        while not stop.is_set():
            box.run_pytest(folder, {}, ["test_busy.py"])

    worker = threading.Thread(target=tests, daemon=True)
    worker.start()
    try:
        governed, _ = median_time(generate, reps)
        threads = model.governor.threads
        model.governor.apply = lambda ctx: None  # llama.cpp keeps every thread
        for ctx in (model.llm._ctx.ctx, model._batch_sampler.ctx):
            __import__("llama_cpp").llama_set_n_threads(ctx, threads, threads)
        ungoverned, _ = median_time(generate, reps)
        del model.governor.apply
    finally:
        stop.set()
        worker.join()
    return {"governed": round(governed, 3), "all_threads": round(ungoverned, 3),
            "ratio": round(ungoverned / governed, 2)}


def _arguments(argv) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=default_model())
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--max-tokens", type=int, default=256)
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--skip-threads", action="store_true", help="skip the thread-count sweep")
    ap.add_argument("--budgets", default="", help="comma-separated per-step token budgets to compare "
                    "(0 = no drafting), e.g. 0,10,16,24; one timed run each")
    ap.add_argument("--with-tests", action="store_true",
                    help="also time the fast path while sandboxed tests run beside it, with and without "
                         "llama.cpp yielding a core to them")
    ap.add_argument("--attention", default="",
                    help="comma-separated context lengths at which to time one decode step of --n sequences "
                         "with llama.cpp's flash attention on and off, e.g. 200,1000,2000")
    ap.add_argument("--json", action="store_true")
    return ap.parse_args(argv)


def cold_run(model, msgs, n: int, params: SampleParams) -> list:
    """N completions from a cold prompt (no KV cache kept from an earlier run)."""
    model.llm.reset()
    if getattr(model, "_batch_sampler", None) is not None:
        model._batch_sampler.cached = {}
    return list(model.sample(msgs, n, params, seed=1234))


def time_generation(model, msgs, a) -> tuple[dict, list]:
    """Plain (one sequence after another) vs fast path (batched, drafting), same settings."""
    plain = SampleParams(temperature=a.temperature, max_tokens=a.max_tokens, fast=False, stop_at_fence=False)
    fast = SampleParams(temperature=a.temperature, max_tokens=a.max_tokens, fast=True, stop_at_fence=True)
    seq_s, seq_out = median_time(lambda: cold_run(model, msgs, a.n, plain), a.reps)
    fast_s, fast_out = median_time(lambda: cold_run(model, msgs, a.n, fast), a.reps)
    seq_tokens = sum(c.n_tokens for c in seq_out)
    fast_tokens = sum(c.n_tokens for c in fast_out)
    drafted = sum(c.drafted for c in fast_out)
    accepted = sum(c.accepted for c in fast_out)
    return {
        "sequential_seconds": round(seq_s, 3), "batched_seconds": round(fast_s, 3),
        "generate_speedup": round(seq_s / fast_s, 2),
        "sequential_tokens": seq_tokens, "fast_tokens": fast_tokens,
        "tokens_per_second_single": round(seq_tokens / seq_s, 1),
        "tokens_per_second_fast": round(fast_tokens / fast_s, 1),
        "draft_acceptance": round(accepted / drafted, 3) if drafted else 0.0,
    }, fast_out


def time_scoring(model, prompt: str, answers: list[str], reps: int) -> dict:
    """Verifier scores with the problem's KV cache shared vs each answer from scratch."""
    verifier = LlamaVerifier(model)

    def naive():
        out = []
        for ans in answers:
            model.llm.reset()
            logits = model.next_token_logits(verifier_messages(prompt, ans))
            out.append(float(logits[verifier.yes] - logits[verifier.no]))
        return out

    def shared():
        model.llm.reset()
        return verifier.score(prompt, answers)

    # A value head reads the hidden state of the same pass; its cost does not depend on its
    # weights, so a zero head (the zero-shot score) times any head.
    head = ValueHead(weight=[0.0] * model.n_embd, bias=0.0, yes_no=1.0, model_name=model.name,
                     n_embd=model.n_embd, prompt_sha256=prompt_sha256(VERIFY_QUESTION))
    with_head = LlamaVerifier(model, head)

    def headed():
        model.llm.reset()
        return with_head.score(prompt, answers)

    naive_s, naive_scores = median_time(naive, reps)
    shared_s, shared_scores = median_time(shared, reps)
    rss_zero = _rss_mb()
    head_s, head_scores = median_time(headed, reps)
    rss_head = _rss_mb()
    out = {"score_naive_seconds": round(naive_s, 3), "score_shared_seconds": round(shared_s, 3),
           "score_speedup": round(naive_s / shared_s, 2),
           "score_max_abs_diff": round(max(abs(x - y) for x, y in zip(naive_scores, shared_scores)), 4),
           "score_head_seconds": round(head_s, 3), "score_head_overhead": round(head_s / shared_s, 3),
           "score_head_max_abs_diff": round(max(abs(x - y) for x, y in zip(head_scores, shared_scores)), 4),
           "rss_mb_zero_shot": rss_zero, "rss_mb_head": rss_head}
    return {**out, **time_adapter_scoring(model, prompt, answers, reps, shared_s, rss_zero)}


def time_adapter_scoring(model, prompt: str, answers: list[str], reps: int, shared_s: float, rss_zero: float) -> dict:
    """The verifier as a LoRA adapter over the generator (``mucode train``'s verifier-lora.gguf),
    against the zero-shot score just timed. Its cost does not depend on its weights either: a
    random adapter of ``mucode train``'s shape (rank 16 on every projection) times a trained one.
    Needs the train extra (gguf) to write it; {} without."""
    import multiprocessing
    import tempfile

    try:
        import gguf  # noqa: F401
    except ImportError:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "adapter.gguf"
        # Written in another process: reading the model's GGUF in Python maps and touches all
        # of it, which would show here as resident memory the adapter does not use.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            size = pool.apply(random_adapter, (str(model.path), str(path)))
        adapted = LlamaVerifier(model, adapter=model.load_adapter(path))

        def with_adapter():
            model.llm.reset()
            return adapted.score(prompt, answers)

        adapter_s, _ = median_time(with_adapter, reps)
        rss_adapter = _rss_mb()
    return {"score_adapter_seconds": round(adapter_s, 3), "score_adapter_overhead": round(adapter_s / shared_s, 3),
            "adapter_file_mb": round(size / 1e6, 1), "rss_mb_adapter": rss_adapter,
            "rss_adapter_overhead": round(rss_adapter / rss_zero, 3) if rss_zero else 0.0}


def random_adapter(model_path: str, out: str, rank: int = 16) -> int:
    """A LoRA adapter of random weights on every projection of the model; its size in bytes."""
    import gguf
    import numpy as np

    from trainer.export import write_lora_adapter

    reader = gguf.GGUFReader(model_path)
    rng = np.random.default_rng(0)
    projections = (".attn_q.", ".attn_k.", ".attn_v.", ".attn_output.", ".ffn_gate.", ".ffn_up.", ".ffn_down.")
    pairs = [(t.name, rng.normal(0, 0.01, (rank, int(t.shape[0]))), rng.normal(0, 0.01, (int(t.shape[1]), rank)))
             for t in reader.tensors if t.name.startswith("blk.") and t.name.endswith(".weight")
             and any(p in t.name for p in projections)]
    return write_lora_adapter(reader, pairs, 2.0 * rank, Path(out))["bytes"]


def _rss_mb() -> float:
    """Resident memory of this process now (Linux), MB; 0 where /proc is not there."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 1e6, 1)


def thread_sweep(model_name: str, msgs) -> dict:
    """Generation speed alone by thread count: the prompt is evaluated first, then 32 greedy tokens timed."""
    out = {}
    one = SampleParams(temperature=0.0, max_tokens=32, fast=False, stop_at_fence=False)
    for t in sorted({1, physical_cores(), os.cpu_count() or 1}):
        m = load_model(model_name, threads=t, busy=runs_in_flight)
        m.llm.reset()
        list(m.sample(msgs, 1, SampleParams(temperature=0.0, max_tokens=1, fast=False), seed=0))
        s, comps = median_time(lambda: list(m.sample(msgs, 1, one, seed=0)), 1)
        out[str(t)] = round(comps[0].n_tokens / s, 1)
    return out


def budget_sweep(model, msgs, a) -> dict:
    """Fast-path tokens per second by per-step token budget (0: no drafting)."""
    out = {}
    sampler = model._batched(a.n, 1)
    default = sampler.step_budget
    try:
        for b in (int(x) for x in a.budgets.split(",")):
            sampler.step_budget = b
            params = SampleParams(temperature=a.temperature, max_tokens=a.max_tokens, draft_tokens=16 if b else 0)
            s, comps = median_time(lambda: cold_run(model, msgs, a.n, params), 1)
            out[str(b)] = round(sum(c.n_tokens for c in comps) / s, 1)
    finally:
        sampler.step_budget = default
    return out


def attention_sweep(model, n: int, contexts: list[int], steps: int = 10) -> dict:
    """Milliseconds per decode step of n sequences that share a context of each length, with
    flash attention on and off (a fresh batched context each), and off's speedup."""
    import numpy as np

    from mucode_cli.batched import BatchedSampler

    out = {}
    rng = np.random.default_rng(0)
    for length in contexts:
        prompt = [int(x) for x in rng.integers(1000, 20000, size=length)]
        row = {}
        for flash in (True, False):
            s = BatchedSampler(model, n_seq=max(n, 2), n_ctx=length + n * (steps + 2) + 512, flash_attn=flash)
            try:
                s._eval_prompts([prompt], [0])
                for k in range(1, n):
                    s.lc.llama_memory_seq_cp(s.mem, 0, k, -1, -1)
                tokens = [int(x) for x in rng.integers(1000, 20000, size=steps)]
                t = time.monotonic()
                for i, tok in enumerate(tokens):
                    s._decode([(tok, length + i, [k], True) for k in range(n)])
                row["on" if flash else "off"] = round((time.monotonic() - t) / steps * 1000, 1)
            finally:
                s.close()
        row["off_speedup"] = round(row["on"] / row["off"], 2)
        out[str(length)] = row
    return out


def main(argv=None):
    a = _arguments(argv)
    model = load_model(a.model, threads=a.threads, busy=runs_in_flight)
    prompt = repair_prompt()
    msgs = [{"role": "user", "content": prompt}]
    generation, fast_out = time_generation(model, msgs, a)
    result = {
        "model": str(model.path.name), "threads": model.threads, "n": a.n, "max_tokens": a.max_tokens,
        "temperature": a.temperature, "prompt_tokens": len(model.tokenize_chat(msgs)), "reps": a.reps,
        **generation,
        **time_scoring(model, prompt, [c.text for c in fast_out], a.reps),
        "generation_tokens_per_second_by_threads": {} if a.skip_threads else thread_sweep(a.model, msgs),
        "fast_tokens_per_second_by_draft_budget": budget_sweep(model, msgs, a) if a.budgets else {},
        "fast_seconds_beside_tests": {},
        "decode_step_ms_by_context_flash_attention": attention_sweep(
            model, a.n, [int(x) for x in a.attention.split(",")]) if a.attention else {},
    }
    if a.with_tests:
        fast = SampleParams(temperature=a.temperature, max_tokens=a.max_tokens, fast=True, stop_at_fence=True)
        result["fast_seconds_beside_tests"] = timed_beside_tests(model, lambda: cold_run(model, msgs, a.n, fast),
                                                                 a.reps)
    if a.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:45s} {v}")


if __name__ == "__main__":
    main()
