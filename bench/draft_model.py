"""What a draft model would buy: the 0.5B proposing tokens for the 1.5B (speculative sampling).

    python bench/draft_model.py --json [--target qwen2.5-coder-1.5b] [--draft qwen2.5-coder-0.5b]
                                       [--problems 0,10,20] [--max-tokens 160] [--k 1,2,4,6]

Speculative sampling with a draft model q for a target p accepts a drafted token with
probability min(1, p/q), so the chance a position is accepted is sum(min(p, q)) over the
vocabulary (Leviathan et al., 2023). This measures both ingredients of its speed on this
machine, in one run:

- acceptance: the target samples an answer to each prompt; both models then read prompt and
  answer once (teacher forcing) and the per-position acceptance is computed from their
  distributions at the sampling temperature;
- cost: the target's forward pass over 1 token and over k+1 tokens after the prompt (what
  checking k drafts costs), and the draft's over 1 token (what proposing one costs).

From these, a cycle of k drafts yields (1 - a^(k+1)) / (1 - a) tokens on average and costs
k draft steps plus one target pass over k+1 tokens; the ratio to plain decoding's one target
step per token is the speed-up. Not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _llama(name: str, threads: int):
    """The model as the product loads it (same CPU workarounds), keeping every position's logits."""
    from mucode_cli.engine import LlamaModel

    return LlamaModel(name, n_ctx=2048, threads=threads, logits_all=True).llm


def _probs(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def prompts(problems: list[str]) -> list[tuple[str, list[dict]]]:
    """HumanEval problems as the bench asks them (new code, some of it the docstring copied)
    and the repair turn bench/speed.py times (mostly the prompt's code copied)."""
    from bench.runner import load_tasks
    from mucode_cli.sandbox import Sandbox, SandboxLimits
    from mucode_cli.tasks import BenchEnvironment

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from speed import repair_prompt

    box = Sandbox(SandboxLimits(timeout=30))
    out = [(t.task_id, BenchEnvironment(t, box).initial_messages())
           for t in load_tasks("humaneval", None, "test", None, problems)]
    out.append(("repair turn (bench/speed.py)", [{"role": "user", "content": repair_prompt()}]))
    return out


def chat_tokens(model, messages: list[dict]) -> list[int]:
    """The prompt as fix and bench build it: the GGUF's own chat template."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    eos = model._model.token_get_text(model.token_eos())
    formatter = Jinja2ChatFormatter(model.metadata["tokenizer.chat_template"], eos, "")
    return model.tokenize(formatter(messages=messages).prompt.encode(), add_bos=False, special=True)


def acceptance(target, draft, messages: list[dict], max_tokens: int, temperature: float, seed: int) -> dict:
    prompt = chat_tokens(target, messages)
    target.reset()
    text = target.create_completion(prompt, max_tokens=max_tokens, temperature=temperature, seed=seed,
                                    stop=["<|im_end|>"])["choices"][0]["text"]
    answer = target.tokenize(text.encode(), add_bos=False, special=False)
    seq = prompt + answer
    rows = []
    for model in (target, draft):
        model.reset()
        model.eval(seq)
        rows.append(np.array(model.scores[len(prompt) - 1:len(seq) - 1]))
    p, q = _probs(rows[0], temperature), _probs(rows[1], temperature)
    per_token = np.minimum(p, q).sum(axis=1)
    greedy = float((rows[0].argmax(axis=1) == rows[1].argmax(axis=1)).mean())
    return {"answer_tokens": len(answer), "prompt_tokens": len(prompt), "acceptance": float(per_token.mean()),
            "greedy_agreement": greedy, "prompt": prompt}


def pass_time(model, prefix: list[int], tokens: list[int], reps: int) -> float:
    """Median seconds of one forward pass over ``tokens`` after ``prefix`` (kept in the cache)."""
    model.reset()
    model.eval(prefix)
    times = []
    for _ in range(reps):
        model.n_tokens = len(prefix)
        t0 = time.perf_counter()
        model.eval(tokens)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def speedup(a: float, k: int, t_target: dict, t_draft: float) -> float:
    tokens = (1 - a ** (k + 1)) / (1 - a) if a < 1 else k + 1
    return tokens * t_target[1] / (k * t_draft + t_target[k + 1])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", default="qwen2.5-coder-1.5b")
    ap.add_argument("--draft", default="qwen2.5-coder-0.5b")
    ap.add_argument("--problems", default="0,10,20")
    ap.add_argument("--max-tokens", type=int, default=160)
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--k", default="1,2,4,6")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    from mucode_cli.engine import physical_cores

    threads = a.threads or physical_cores()
    ks = [int(k) for k in a.k.split(",")]
    target, draft = _llama(a.target, threads), _llama(a.draft, threads)
    cases = []
    for i, (name, messages) in enumerate(prompts(a.problems.split(","))):
        acc = acceptance(target, draft, messages, a.max_tokens, a.temperature, seed=i)
        prompt = acc.pop("prompt")
        cases.append({"prompt": name, **acc})
        print(f"{name}: acceptance {acc['acceptance']:.3f}, greedy agreement {acc['greedy_agreement']:.3f} "
              f"over {acc['answer_tokens']} tokens", file=sys.stderr)
    filler = prompt[-8:]  # any real tokens: a pass's cost depends on how many, not which
    t_target = {n: pass_time(target, prompt, filler[:n], a.reps) for n in sorted({1, *[k + 1 for k in ks]})}
    t_draft = pass_time(draft, prompt, filler[:1], a.reps)
    weights = [c["answer_tokens"] for c in cases]
    mean_a = float(np.average([c["acceptance"] for c in cases], weights=weights))
    out = {
        "target": a.target, "draft": a.draft, "threads": threads, "temperature": a.temperature,
        "cases": cases, "acceptance": mean_a,
        "target_pass_s": {str(n): t for n, t in t_target.items()}, "draft_step_s": t_draft,
        "speedup_by_k": {str(k): speedup(mean_a, k, t_target, t_draft) for k in ks},
        "speedup_by_k_if_all_accepted": {str(k): speedup(1.0, k, t_target, t_draft) for k in ks},
    }
    if a.json:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
