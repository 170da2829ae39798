"""The value head over the frozen model: file format, model check, and scoring through the
real llama.cpp hidden state."""

import json

import numpy as np
import pytest

from mucode_cli.errors import UserError
from mucode_cli.value_head import ValueHead, load_head, prompt_sha256
from mucode_cli.verifier import VERIFY_QUESTION, LlamaVerifier, make_verifier, verifier_messages

PROBLEM = "Write add(a, b) returning a + b.\nassert add(1, 2) == 3"
GOOD = "def add(a, b):\n    return a + b\n"
BAD = "def add(a, b):\n    return a - b\n"


def _head(model, weight=None, yes_no=1.0, bias=0.0) -> ValueHead:
    w = [0.0] * model.n_embd if weight is None else [float(x) for x in weight]
    return ValueHead(weight=w, bias=bias, yes_no=yes_no, model_name=model.name, n_embd=model.n_embd,
                     prompt_sha256=prompt_sha256(VERIFY_QUESTION))


def test_round_trip_and_bad_files(tmp_path):
    head = ValueHead(weight=[0.5, -1.25, 2.0], bias=0.1, yes_no=0.75, model_name="m", n_embd=3,
                     prompt_sha256="abc", trained_on={"items": 7})
    path = tmp_path / "h.json"
    head.save(path)
    back = load_head(path)
    assert back.weight == head.weight and back.bias == head.bias and back.yes_no == head.yes_no
    assert back.trained_on == {"items": 7}
    assert back.score(2.0, np.array([1.0, 1.0, 1.0])) == pytest.approx(0.75 * 2 + 1.25 + 0.1)
    assert not (tmp_path / "h.json.tmp").exists()

    with pytest.raises(UserError, match="not found"):
        load_head(tmp_path / "missing.json")
    (tmp_path / "junk.json").write_text("{not json")
    with pytest.raises(UserError, match="not a readable JSON"):
        load_head(tmp_path / "junk.json")
    (tmp_path / "other.json").write_text(json.dumps({"weight": [1]}))
    with pytest.raises(UserError, match="not a mucode verifier head"):
        load_head(tmp_path / "other.json")
    data = json.loads(path.read_text())
    data["weight"] = [1.0, 2.0]
    (tmp_path / "short.json").write_text(json.dumps(data))
    with pytest.raises(UserError, match="malformed"):
        load_head(tmp_path / "short.json")


def test_hidden_state_and_zero_shot_agree(smollm):
    """The hidden state comes from the pass that gives the zero-shot logits: a head that is
    just the zero-shot score scores what the zero-shot verifier does."""
    zero = LlamaVerifier(smollm)
    logits, hidden = smollm.verifier_state(verifier_messages(PROBLEM, GOOD))
    assert hidden.shape == (smollm.n_embd,) and np.all(np.isfinite(hidden)) and np.linalg.norm(hidden) > 0
    as_zero = LlamaVerifier(smollm, _head(smollm))
    a, b = zero.score(PROBLEM, [GOOD, BAD]), as_zero.score(PROBLEM, [GOOD, BAD])
    # Evaluated in different chunks (the last token alone): batch numerics, not exact.
    assert a == pytest.approx(b, abs=0.5)
    # Another answer, another hidden state; the same answer again, the same one.
    _, other = smollm.verifier_state(verifier_messages(PROBLEM, BAD))
    _, again = smollm.verifier_state(verifier_messages(PROBLEM, GOOD))
    assert np.linalg.norm(other - hidden) > 10 * np.linalg.norm(again - hidden) + 1e-6


def test_head_weights_move_the_score(smollm):
    _, hidden = smollm.verifier_state(verifier_messages(PROBLEM, GOOD))
    direction = hidden / np.linalg.norm(hidden)
    head = _head(smollm, weight=direction, yes_no=0.0, bias=1.0)
    (score,) = LlamaVerifier(smollm, head).score(PROBLEM, [GOOD])
    assert score == pytest.approx(np.linalg.norm(hidden) + 1.0, rel=0.05)


def test_a_head_of_another_model_is_refused(smollm, tmp_path):
    head = _head(smollm)
    head.model_name = "Some Other Model"
    path = tmp_path / "other.json"
    head.save(path)
    with pytest.raises(UserError, match="was trained on 'Some Other Model'"):
        make_verifier(str(path), smollm)
    with pytest.raises(UserError, match="no verifier head ships"):
        make_verifier("head", smollm)


def test_a_head_of_another_prompt_is_refused(smollm, tmp_path):
    """The hidden state is read at the end of the verifier prompt: a head trained on another
    wording of it would score states it never saw."""
    head = _head(smollm)
    head.prompt_sha256 = prompt_sha256(VERIFY_QUESTION.replace("Answer Yes or No.", "Reply Yes or No."))
    path = tmp_path / "old.json"
    head.save(path)
    with pytest.raises(UserError, match="another verifier prompt"):
        make_verifier(str(path), smollm)
