"""Train and measure a value head (``mucode_cli/value_head.py``) on recorded candidates.

Data: the benchmarks' results folders (``results.jsonl``: every candidate of every turn
with its public and private outcome) — a BoN run on training problems is the training
set, one on held-out problems the test set; a ``bench repair`` run (records with a
``case_id``) adds repair prompts, grouped by the problem its case was made from. Labels:
the candidate passes all of the problem's tests. Features: the zero-shot score and the
final hidden state of the verifier prompt, one forward pass per distinct (problem, code),
cached in a JSONL file so that a cut-short extraction resumes. Fitting is numpy only
(Newton's method on an L2-regularised logistic loss, pointwise or Bradley-Terry over pairs
of one problem), seconds on a laptop.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from mucode_cli.errors import UserError
from mucode_cli.records import read_jsonl
from mucode_cli.value_head import ValueHead, prompt_sha256
from mucode_cli.verifier import VERIFY_QUESTION


@dataclass
class Item:
    """One distinct candidate code of one problem."""

    group: str  # the problem (held-out splits are by problem)
    problem: str  # as the verifier is shown it
    code: str
    label: bool  # passes all of the problem's tests
    public: bool  # passes the tests the search could see

    @property
    def key(self) -> str:
        return hashlib.sha1(f"{self.problem}\x00{self.code}".encode("utf-8")).hexdigest()


@dataclass
class Dataset:
    items: list[Item] = field(default_factory=list)
    # The candidate sets a selection chose among: per recorded turn, indices into items.
    sets: list[list[int]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    left_out: set[str] = field(default_factory=set)  # problems read but not taken
    # Per recorded search: the candidates of its last turn that passed the public tests
    # (indices into items; pt chose among them, pt+lv would have asked the verifier) and
    # whether the recorded choice passed everything. For replaying a selection offline.
    finals: list[tuple[list[int], bool]] = field(default_factory=list)

    def informative(self) -> "Dataset":
        """Only the problems with both a passing and a failing candidate: the rest teach a
        ranking nothing and any choice among them ends the same, so their candidates need
        no features (most of the extraction time). Searches of the others keep their
        recorded outcome."""
        by: dict[str, set[bool]] = {}
        for it in self.items:
            by.setdefault(it.group, set()).add(it.label)
        keep = [i for i, it in enumerate(self.items) if len(by[it.group]) == 2]
        new_index = {old: new for new, old in enumerate(keep)}

        def remap(members):
            return [new_index[i] for i in members if i in new_index]

        out = Dataset([self.items[i] for i in keep], sources=list(self.sources), left_out=set(self.left_out))
        out.sets = [m for m in map(remap, self.sets) if m]
        out.finals = [(remap(members), success) for members, success in self.finals]
        return out


def load_results(folders: Iterable[Path | str], leave_out: Callable[[str], bool] = lambda group: False) -> Dataset:
    """Every valid candidate of the benchmark results in ``folders`` (records that carry the
    problem text; folders written before it was recorded are refused with a message), but
    those of problems ``leave_out`` names (they are listed in ``left_out``)."""
    data = Dataset()
    index: dict[tuple[str, str], int] = {}
    for folder in folders:
        folder = Path(folder)
        path = folder / "results.jsonl"
        if not path.is_file():
            raise UserError(f"no results.jsonl in {folder}")
        records = [r for r in read_jsonl(path) if ("task_id" in r or "case_id" in r) and "turns" in r]
        if not records:
            raise UserError(f"{path} holds no benchmark records")
        if any("problem" not in r for r in records):
            raise UserError(f"{path} was written before results recorded the problem text: rerun that benchmark")
        data.sources.append(str(folder))
        for r in records:
            # A repair case's group is the problem it was made from, so that held-out splits
            # keep a problem's generation and repair candidates on one side.
            group = r.get("task_id") or r.get("origin") or r["case_id"]
            if leave_out(group):
                data.left_out.add(group)
                continue
            # A repair case has no private tests: every test it has was run on every candidate.
            whole = "case_id" in r
            for turn in r["turns"]:
                members = []
                # Never scored: an invalid answer ranks last whatever its score.
                valid = [c for c in turn["candidates"] if c.get("valid") and (c.get("code") or "").strip()]
                for c in valid:
                    k = (r["problem"], c["code"])
                    if k not in index:
                        index[k] = len(data.items)
                        label = bool(c.get("passed")) and (whole or c.get("private_passed") is True)
                        data.items.append(Item(group, r["problem"], c["code"], label, bool(c.get("passed"))))
                    members.append(index[k])
                if members:
                    data.sets.append(members)
            if r["turns"] and r.get("success_by_turn"):
                public = [members[k] for k, c in enumerate(valid) if c.get("passed")]
                data.finals.append((public, bool(r["success_by_turn"][-1])))
    return data


# -- features -----------------------------------------------------------------------------

def _encode(v: np.ndarray) -> str:
    return base64.b64encode(np.asarray(v, dtype=np.float32).tobytes()).decode("ascii")


def _decode(s: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), dtype=np.float32).astype(np.float64)


def extract_features(items: list[Item], featurize: Callable[[str, str], tuple[float, np.ndarray]],
                     cache: Path, progress: Callable[[int, int], None] | None = None, model: str = ""
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(zero-shot scores, hidden states) of ``items``; ``featurize(problem, code)`` computes
    one (``LlamaVerifier.features``). Items already in ``cache`` (for the same ``model``) are
    not computed again; new ones are appended as they come, so an interrupted extraction
    resumes. Items of one problem are computed together: its prompt prefix stays cached."""
    have: dict[str, tuple[float, np.ndarray]] = {}
    for rec in read_jsonl(cache):
        try:
            if rec.get("model", "") == model:
                have[rec["key"]] = (float(rec["yes_no"]), _decode(rec["hidden"]))
        except (KeyError, ValueError, TypeError):
            continue
    todo = sorted({it.key: it for it in items if it.key not in have}.values(), key=lambda it: it.problem)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache, "a", encoding="utf-8") as f:
        for n, it in enumerate(todo, 1):
            zs, hidden = featurize(it.problem, it.code)
            have[it.key] = (zs, np.asarray(hidden, dtype=np.float64))
            f.write(json.dumps({"key": it.key, "model": model, "group": it.group, "yes_no": zs,
                                "hidden": _encode(hidden)}) + "\n")
            f.flush()
            if progress:
                progress(n, len(todo))
    zs = np.array([have[it.key][0] for it in items])
    hidden = np.stack([have[it.key][1] for it in items]) if items else np.zeros((0, 0))
    return zs, hidden


# -- fitting ------------------------------------------------------------------------------

LOSSES = ("bt", "bce")


def _pairs(labels: np.ndarray, groups: list[str]) -> np.ndarray:
    """(passing, failing) index pairs within each problem."""
    by: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        by.setdefault(g, []).append(i)
    out = [(p, q) for members in by.values() for p in members if labels[p] for q in members if not labels[q]]
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def _newton(X: np.ndarray, y: np.ndarray, weights: np.ndarray, penalty: np.ndarray, iters: int = 50) -> np.ndarray:
    """Minimise sum_i weights_i * logloss(X_i . theta, y_i) + 0.5 * sum_j penalty_j theta_j^2."""
    theta = np.zeros(X.shape[1])

    def loss(t):
        z = X @ t
        return float(np.sum(weights * (np.logaddexp(0, z) - y * z)) + 0.5 * np.sum(penalty * t * t))

    current = loss(theta)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(X @ theta)))
        grad = X.T @ (weights * (p - y)) + penalty * theta
        hess = (X * (weights * p * (1 - p))[:, None]).T @ X + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-4:
            new = theta - t * step
            value = loss(new)
            if value <= current:
                break
            t /= 2
        else:
            break
        done = current - value < 1e-7 * max(1.0, abs(current))
        theta, current = new, value
        if done:
            break
    return theta


def fit(zs: np.ndarray, hidden: np.ndarray, labels: np.ndarray, groups: list[str], l2: float,
        loss: str = "bt", components: int = 128) -> tuple[float, np.ndarray, float]:
    """(weight of the zero-shot score, weights over the hidden state, bias). The hidden
    state is standardised for fitting, and the standardisation folded into the weights;
    only the hidden-state weights are penalised, so with a large ``l2`` the head tends to
    a rescaled zero-shot score."""
    return fits(zs, hidden, labels, groups, [l2], loss, components)[0]


def fits(zs: np.ndarray, hidden: np.ndarray, labels: np.ndarray, groups: list[str], l2s: list[float],
         loss: str = "bt", components: int = 128) -> list[tuple[float, np.ndarray, float]]:
    """``fit`` for each of ``l2s``, sharing the one decomposition of the data."""
    if loss not in LOSSES:
        raise UserError(f"loss must be one of {', '.join(LOSSES)} (got {loss!r})")
    labels = np.asarray(labels, dtype=bool)
    mean = hidden.mean(axis=0)
    scale = hidden.std(axis=0) + 1e-6
    H = (hidden - mean) / scale
    # The leading principal directions only: Newton's method then solves a small system
    # (a second for thousands of pairs), and the rest is mostly noise to a linear head
    # trained on a few thousand candidates.
    _, _, vt = np.linalg.svd(H, full_matrices=False)
    basis = vt[:min(components, len(vt))]
    X = np.column_stack([zs, H @ basis.T])
    d = X.shape[1]
    if loss == "bt":
        pairs = _pairs(labels, groups)
        if not len(pairs):
            raise UserError("no problem has both a passing and a failing candidate: nothing to rank")
        # Each problem weighs the same, however many pairs it has.
        count: dict[str, int] = {}
        for p, _ in pairs:
            count[groups[p]] = count.get(groups[p], 0) + 1
        w = np.array([1.0 / count[groups[p]] for p, _ in pairs])
        w *= len(w) / w.sum()
        Xd = X[pairs[:, 0]] - X[pairs[:, 1]]
    out = []
    for l2 in l2s:
        if loss == "bt":
            theta = _newton(Xd, np.ones(len(Xd)), w, np.r_[0.0, np.full(d - 1, l2)])
            a, wh, bias = theta[0], theta[1:], 0.0
        else:
            Xb = np.column_stack([X, np.ones(len(X))])
            theta = _newton(Xb, labels.astype(float), np.ones(len(X)), np.r_[0.0, np.full(d - 1, l2), 0.0])
            a, wh, bias = theta[0], theta[1:d], theta[d]
        w_folded = (basis.T @ wh) / scale
        out.append((float(a), w_folded, float(bias - w_folded @ mean)))
    return out


# -- measuring ----------------------------------------------------------------------------

def metrics(scores: np.ndarray, data: Dataset) -> dict:
    """Pairwise accuracy (a passing candidate of a problem scored above a failing one; ties
    count half), and selection accuracy over the recorded candidate sets that hold both a
    passing and a failing code: among all valid candidates, and among those that passed the
    public tests (where pt+lv asks the verifier); and the searches' success replayed with the
    scores choosing among each last turn's public passers (``Dataset.finals``). A tie for the
    top counts as the share of passing candidates among the tied."""
    labels = np.array([it.label for it in data.items], dtype=bool)
    groups = [it.group for it in data.items]
    pairs = _pairs(labels, groups)
    if len(pairs):
        diff = scores[pairs[:, 0]] - scores[pairs[:, 1]]
        pairwise = float(np.mean((diff > 0) + 0.5 * (diff == 0)))
    else:
        pairwise = math.nan

    def top_share(members, by=scores) -> float:
        """The chance that the top score passes: the share of passers among tied tops."""
        s = by[members]
        return float(labels[members][s == s.max()].mean())

    def select(sets, by=scores):
        hits = []
        for members in sets:
            members = list(dict.fromkeys(members))
            ys = labels[members]
            if ys.any() and not ys.all():
                hits.append(top_share(members, by))
        return (float(np.mean(hits)) if hits else math.nan), len(hits)

    sel, n_sel = select(data.sets)
    public_sets = [[i for i in m if data.items[i].public] for m in data.sets]
    tie, n_tie = select(public_sets)
    # Each search's outcome had its last choice among public passers gone to the top score:
    # pt+lv with these scores, replayed on pt's recorded candidates (earlier turns, where no
    # answer passed, held as recorded).
    replayed = [top_share(list(dict.fromkeys(m))) if m else float(success) for m, success in data.finals]
    chance, _ = select(data.sets, np.zeros(len(labels)))  # all tied: a random pick
    return {"items": len(data.items), "problems": len(set(groups)), "pairs": int(len(pairs)),
            "pairwise_accuracy": round(pairwise, 4), "selection_accuracy": round(sel, 4), "selection_sets": n_sel,
            "selection_chance": round(chance, 4),
            "public_tie_accuracy": round(tie, 4), "public_tie_sets": n_tie,
            "searches": len(data.finals),
            "recorded_success": round(float(np.mean([s for _, s in data.finals])), 4) if data.finals else math.nan,
            "replayed_success": round(float(np.mean(replayed)), 4) if replayed else math.nan}


def cross_validate(zs, hidden, data: Dataset, l2s: list[float], loss: str, folds: int = 5, seed: int = 0) -> dict:
    """Pairwise accuracy on held-out problems (folds by problem) per l2, and the zero-shot's."""
    groups = sorted({it.group for it in data.items})
    rng = np.random.default_rng(seed)
    rng.shuffle(groups)
    fold_of = {g: k % folds for k, g in enumerate(groups)}
    labels = np.array([it.label for it in data.items], dtype=bool)
    item_groups = [it.group for it in data.items]
    scores = np.zeros((len(l2s), len(data.items)))
    for k in range(folds):
        train = np.array([fold_of[g] != k for g in item_groups])
        test = ~train
        try:
            solved = fits(zs[train], hidden[train], labels[train], [g for g, t in zip(item_groups, train) if t],
                          l2s, loss)
        except UserError:  # nothing to rank in this fold's training part: the zero-shot score
            solved = [(1.0, np.zeros(hidden.shape[1]), 0.0)] * len(l2s)
        for j, (a, w, b) in enumerate(solved):
            scores[j, test] = a * zs[test] + hidden[test] @ w + b
    return {l2: metrics(scores[j], data)["pairwise_accuracy"] for j, l2 in enumerate(l2s)}


def train_head(train: Dataset, zs: np.ndarray, hidden: np.ndarray, model_name: str, loss: str = "bt",
               l2s: tuple[float, ...] = (1.0, 10.0, 100.0, 1000.0, 10000.0)) -> tuple[ValueHead, dict]:
    """Choose l2 by 5-fold cross-validation over training problems, then fit on all of them."""
    cv = cross_validate(zs, hidden, train, list(l2s), loss)
    best = max(cv, key=lambda k: (cv[k], k))  # ties: the stronger regularisation
    labels = np.array([it.label for it in train.items], dtype=bool)
    a, w, b = fit(zs, hidden, labels, [it.group for it in train.items], best, loss)
    info = {"sources": train.sources, "items": len(train.items), "problems": len({it.group for it in train.items}),
            "passing": int(labels.sum()), "loss": loss, "l2": best, "cv_pairwise_accuracy": cv}
    head = ValueHead(weight=[float(x) for x in w], bias=b, yes_no=a, model_name=model_name, n_embd=hidden.shape[1],
                     prompt_sha256=prompt_sha256(VERIFY_QUESTION), trained_on=info)
    return head, info


def is_test_problem(group: str) -> bool:
    """HumanEval and MBPP's test ids (11-510): the held-out problems, never trained on."""
    if group.startswith("HumanEval/"):
        return True
    name, _, num = group.partition("/")
    return name == "MBPP" and num.isdigit() and 11 <= int(num) <= 510


def run_train_head(*, train_dirs: list[Path], eval_dirs: list[Path], out: Path, model: str, loss: str,
                   features: Path | None, threads: int | None, console) -> dict:
    """``mucode train-head``: features, fit, held-out comparison; writes the head and a report."""
    if loss not in LOSSES:
        raise UserError(f"--loss must be one of {', '.join(LOSSES)} (got {loss!r})")
    _check_out(out)
    train = load_results(train_dirs, leave_out=is_test_problem)
    if train.left_out:
        console.print(f"left out {len(train.left_out)} held-out (test-split) problems found in the training folders")
    if not train.items:
        raise UserError("the training folders hold no valid candidates")
    if loss == "bt":  # pairs come from mixed problems only: the rest need no features
        train = train.informative()
        if not train.items:
            raise UserError("no training problem has both a passing and a failing candidate: nothing to rank")
    evals = _held_out(eval_dirs)
    gen, featurize = _featurizer(model, threads, features or out.with_suffix(".features.jsonl"), console)
    zs, hidden = featurize(train, "train")
    head, info = train_head(train, zs, hidden, gen.name, loss)
    head.trained_on["model"] = model  # as the user named it: `mucode models list` pairs them
    head.save(out)
    console.print(f"wrote {out}: {info['items']} candidates of {info['problems']} problems "
                  f"({info['passing']} passing), {loss}, l2 {info['l2']:g}", highlight=False)
    report = {"head": str(out), "train": info, "eval": _compare(head, evals, featurize, console)}
    out.with_suffix(".report.json").write_text(json.dumps(report, indent=2))
    return report


def run_eval_head(*, head: str, eval_dirs: list[Path], out: Path, model: str, features: Path | None,
                  threads: int | None, console) -> dict:
    """``mucode eval-head``: an existing head file against the zero-shot verifier and a random
    pick on held-out folders; no training. Writes the report to ``out`` (features cached beside it)."""
    from mucode_cli.value_head import load_head
    from mucode_cli.verifier import make_verifier

    _check_out(out)
    if not head.endswith(".json"):
        raise UserError(f"--head must be a value head (.json) (got {head})")
    load_head(head)  # a bad file is refused before the model loads
    evals = _held_out(eval_dirs)
    gen, featurize = _featurizer(model, threads, features or out.with_suffix(".features.jsonl"), console)
    value_head = make_verifier(head, gen).head  # model and prompt checked
    report = {"head": head, "train": value_head.trained_on, "eval": _compare(value_head, evals, featurize, console)}
    out.write_text(json.dumps(report, indent=2))
    return report


def _check_out(out: Path) -> None:
    if out.suffix != ".json":
        raise UserError(f"--out must name a .json file (got {out})")
    if not out.parent.is_dir():
        raise UserError(f"--out: folder {out.parent} does not exist")


def _held_out(eval_dirs: list[Path]) -> list[tuple[Path, Dataset]]:
    # Every measure is over mixed problems (the rest score the same whatever the verifier).
    return [(d, load_results([d]).informative()) for d in eval_dirs]


def _featurizer(model: str, threads: int | None, cache: Path, console):
    """The loaded model and ``featurize(data, what)``: features of a dataset's items, cached."""
    from mucode_cli import sandbox as sandbox_mod
    from mucode_cli.engine import load_model
    from mucode_cli.verifier import LlamaVerifier

    gen = load_model(model, threads=threads, busy=sandbox_mod.runs_in_flight)
    verifier = LlamaVerifier(gen)

    def featurize(data: Dataset, what: str):
        def progress(n, total):
            if n == 1 or n % 25 == 0 or n == total:
                console.print(f"{what}: features {n}/{total}", highlight=False)
        return extract_features(data.items, verifier.features, cache, progress, model=gen.name)

    return gen, featurize


def _compare(head: ValueHead, evals, featurize, console) -> dict:
    """The head, the zero-shot verifier and a random pick on each held-out dataset."""
    out = {}
    for folder, data in evals:
        ezs, ehid = featurize(data, str(folder))
        zero, mine = metrics(ezs, data), metrics(head.scores(ezs, ehid), data)
        chance = metrics(np.zeros(len(data.items)), data)  # every score tied: a random pick
        out[str(folder)] = {"zero_shot": zero, "head": mine, "random": chance}
        print_comparison(console, folder, {"random": chance, "zero-shot": zero, "head": mine})
    return out


def print_comparison(console, folder, columns: dict[str, dict]) -> None:
    """Verifiers side by side on one held-out folder: ``columns`` maps a name to its ``metrics``."""
    first = next(iter(columns.values()))
    console.print(f"{folder}: {first['problems']} problems with passing and failing candidates, "
                  f"{first['items']} candidates", highlight=False)
    for key, count in (("pairwise_accuracy", "pairs"), ("selection_accuracy", "selection_sets"),
                       ("public_tie_accuracy", "public_tie_sets"), ("replayed_success", "searches")):
        row = "  ".join(f"{name} {m[key]:.3f}" for name, m in columns.items())
        console.print(f"  {key:22s} {row}  ({count} {first[count]})", highlight=False)
    console.print(f"  (replayed_success: all searches, each last choice among public passers by the "
                  f"score; recorded {first['recorded_success']:.3f})", highlight=False)
