"""What one epoch of ``mucode train-verifier`` costs on this machine, all layers against the top K.

    python bench/verifier_training_cost.py --train results/mbpp-sanitized-trainval-bon-pt \
        [--train ...] [--model NAME] [--top 2,4] [--sample 6] [--json]

On ``--sample`` real training pairs (recorded candidates, their own verifier prompts) it times,
in this one run: a forward and backward pass of a pair through every layer (what a step costs
without ``--top-layers``, the baseline), the one-off forward pass of the frozen layers below the
top K that ``--top-layers K`` caches per answer, and a forward and backward pass of a pair through
the top K layers over those cached states. From them, and the training folders' pair and answer
counts, it estimates an epoch both ways. Not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mucode_cli.errors import UserError  # noqa: E402
from mucode_cli.settings import default_model  # noqa: E402


def _arguments(argv) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", action="append", required=True, type=Path, help="a results folder (repeatable)")
    ap.add_argument("--model", default=default_model())
    ap.add_argument("--top", default="2,4", help="comma-separated K for --top-layers")
    ap.add_argument("--sample", type=int, default=6, help="pairs timed")
    ap.add_argument("--pairs-per-problem", type=int, default=8)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    return ap.parse_args(argv)


def main(argv=None) -> dict:
    a = _arguments(argv)
    import torch

    from trainer.hf import add_lora, load_base
    from trainer.lora_verifier import ranking_pairs
    from trainer.losses import bt_loss
    from trainer.value_head import is_test_problem, load_results
    from trainer.verifier_train import TopLayersScorer, VerifierScorer

    if a.threads:
        torch.set_num_threads(a.threads)
    data = load_results(a.train, leave_out=is_test_problem).informative()
    pairs = ranking_pairs(data, a.pairs_per_problem, seed=0)
    if not pairs:
        raise UserError("no training problem has both a passing and a failing candidate: nothing to time")
    answers = {(p["problem"], c) for p in pairs for c in (p["pos"], p["neg"])}
    sample = pairs[:: max(1, len(pairs) // a.sample)][: a.sample]
    tops = [int(k) for k in a.top.split(",") if k]

    def step_seconds(scorer, pair) -> float:
        t = time.perf_counter()
        s = scorer.scores(scorer.head, [(pair["problem"], pair["pos"]), (pair["problem"], pair["neg"])])
        bt_loss(s[:1], s[1:]).backward()
        return time.perf_counter() - t

    model, tok = load_base(a.model)
    lengths = [len(VerifierScorer(model, tok).ids(p["problem"], c)) for p in sample for c in (p["pos"], p["neg"])]
    report = {"model": a.model, "threads": torch.get_num_threads(), "pairs": len(pairs), "answers": len(answers),
              "sampled_pairs": len(sample), "tokens_mean": statistics.mean(lengths), "layers": {}}
    full = add_lora(model, 16, seed=0)
    report["all_layers_step_s"] = statistics.median(step_seconds(VerifierScorer(full, tok), p) for p in sample)
    report["epoch_all_layers_min"] = report["all_layers_step_s"] * len(pairs) / 60
    for k in tops:
        model, tok = load_base(a.model)
        top = TopLayersScorer(add_lora(model, 16, seed=0, top_layers=k), tok, 2048, k)
        top.check(sample[0]["problem"], sample[0]["pos"])
        top.cache.clear()
        t = time.perf_counter()
        for p in sample:
            top.states(p["problem"], p["pos"])
            top.states(p["problem"], p["neg"])
        cache_s = (time.perf_counter() - t) / (2 * len(sample))
        step = statistics.median(step_seconds(top, p) for p in sample)
        report["layers"][k] = {"cache_s_per_answer": cache_s, "step_s": step,
                               "step_ratio": step / report["all_layers_step_s"],
                               "cache_min": cache_s * len(answers) / 60, "epoch_min": step * len(pairs) / 60}
    if a.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{len(pairs)} pairs of {len(answers)} answers, {report['tokens_mean']:.0f} tokens each on average; "
              f"all layers: {report['all_layers_step_s']:.1f} s a pair, an epoch {report['epoch_all_layers_min']:.0f} min")
        for k, r in report["layers"].items():
            print(f"top {k}: cache {r['cache_s_per_answer']:.1f} s an answer once ({r['cache_min']:.0f} min), "
                  f"{r['step_s']:.1f} s a pair ({r['step_ratio']:.2f}x), an epoch {r['epoch_min']:.0f} min")
    return report


if __name__ == "__main__":
    try:
        main()
    except UserError as e:  # a missing or unreadable results folder: one line, exit 2
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
