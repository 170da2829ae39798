"""The search loop and selection policies, with a scripted generator and environment."""

import random

import pytest

from mucode_cli.core import Candidate, Completion, Evaluation, SampleParams
from mucode_cli.errors import UserError
from mucode_cli.search import Search, SearchConfig
from mucode_cli.selection import POLICIES, regressed
from mucode_cli.verifier import NullVerifier


class ScriptedGenerator:
    """Answers from a script: one list of answers per turn."""

    def __init__(self, turns):
        self.turns = list(turns)
        self.calls = []

    def sample(self, messages, n, params, seed):
        self.calls.append((messages, n, seed))
        answers = self.turns[len(self.calls) - 1]
        for i, text in enumerate(answers[:n]):
            yield Completion(text, len(text), 0.01, "stop", index=i)


class TableEnv:
    """Answer text -> (n_passed, total); 'bad' answers are invalid."""

    problem = "problem"

    def __init__(self, table, total=3):
        self.table = table
        self.total = total
        self.evaluated = []

    def initial_messages(self):
        return [{"role": "user", "content": "fix it"}]

    def evaluate(self, answer):
        self.evaluated.append(answer)
        if answer == "bad":
            return Evaluation(False, False, reason="unparsable")
        k = self.table[answer]
        outcomes = {f"t{i}": i < k for i in range(self.total)}
        return Evaluation(True, k == self.total, k, self.total, feedback=f"{k} passed", code=answer,
                          cost=len(answer), outcomes=outcomes)

    def feedback_message(self, ev):
        return f"feedback: {ev.feedback or ev.reason}"


class LengthVerifier:
    def score(self, problem, answers):
        return [float(len(a)) for a in answers]


def run(turns, table, select="pt+lv", n=3, max_turns=3, early_stop=False, verifier=None):
    gen = ScriptedGenerator(turns)
    env = TableEnv(table)
    cfg = SearchConfig(n=n, turns=max_turns, select=select, seed=1, early_stop=early_stop, params=SampleParams())
    result = Search(gen, verifier or NullVerifier(), cfg).run(env)
    return result, gen, env


def test_stops_at_first_turn_whose_choice_passes_and_feeds_back_the_choice():
    result, gen, env = run([["a", "b", "c"], ["d", "ok", "e"], ["never"]],
                           {"a": 1, "b": 2, "c": 0, "d": 2, "ok": 3, "e": 1, "never": 3})
    assert result.solved and len(result.turns) == 2
    assert result.turns[0].choice.answer == "b"  # most tests passed
    assert result.final.answer == "ok"
    second_prompt = gen.calls[1][0]
    assert second_prompt[-2] == {"role": "assistant", "content": "b"}
    assert second_prompt[-1]["content"] == "feedback: 2 passed"
    assert len(result.candidates) == 6


def test_a_lead_is_asked_again_after_the_whole_answer_and_its_feedback():
    class LeadEnv(TableEnv):
        def initial_messages(self):
            return [{"role": "user", "content": "fix it"}, {"role": "assistant", "content": "```python\n"}]

    gen = ScriptedGenerator([["a"], ["b"]])
    Search(gen, NullVerifier(), SearchConfig(n=1, turns=2, seed=1)).run(LeadEnv({"a": 1, "b": 1}))
    assert gen.calls[0][0][-1] == {"role": "assistant", "content": "```python\n"}
    assert gen.calls[1][0] == [{"role": "user", "content": "fix it"}, {"role": "assistant", "content": "a"},
                               {"role": "user", "content": "feedback: 1 passed"},
                               {"role": "assistant", "content": "```python\n"}]


def test_split_lead():
    from mucode_cli.core import split_lead

    chat = [{"role": "user", "content": "q"}]
    assert split_lead(chat + [{"role": "assistant", "content": "```py\n"}]) == (chat, "```py\n")
    assert split_lead(chat) == (chat, "") and split_lead("raw") == ("raw", "") and split_lead([1, 2]) == ([1, 2], "")


def test_unsolved_runs_all_turns():
    result, gen, _ = run([["a"], ["a"], ["a"]], {"a": 1}, n=1)
    assert not result.solved and len(result.turns) == 3 and len(gen.calls) == 3


def test_early_stop_skips_remaining_candidates():
    table = {"ok": 3, "x": 0, "y": 0, "z": 0}
    result, _, env = run([["x", "ok", "y", "z"]], table, n=4, early_stop=True)
    assert result.solved
    # Candidate 2 passes; its test overlaps with generating candidate 3, never with 4.
    assert len(result.turns[0].candidates) in (2, 3)
    assert result.turns[0].stopped_early
    assert "z" not in env.evaluated
    assert all(c.evaluation.passed for c in result.candidates if c.answer == "ok")


def test_early_stop_never_returns_a_failing_candidate():
    table = {"ok": 3, "x": 2}
    for order, solvable in ((["x", "ok"], True), (["ok", "x"], True), (["x", "x"], False)):
        result, _, _ = run([order, order, order], table, n=2, early_stop=True)
        assert result.solved == solvable and result.final.evaluation.passed == solvable
        assert len(result.turns) == (1 if solvable else 3)
        if solvable:
            assert result.final.answer == "ok"


def test_pt_lv_breaks_ties_with_the_verifier_and_passing_prefers_smallest_change():
    table = {"aa": 2, "aaaa": 2, "p": 3, "pppp": 3}
    result, _, _ = run([["aa", "aaaa"]], table, n=2, max_turns=1, verifier=LengthVerifier())
    assert result.turns[0].choice.answer == "aaaa"  # same tests, higher score
    result, _, _ = run([["pppp", "p"]], table, n=2, max_turns=1, verifier=LengthVerifier())
    assert result.turns[0].choice.answer == "p"  # both pass: smallest diff first


def test_invalid_candidates_are_never_chosen_over_valid_ones():
    for policy in POLICIES:
        result, _, _ = run([["bad", "a", "bad"]], {"a": 0}, select=policy, max_turns=1)
        assert result.turns[0].choice.answer == "a", policy


def test_lv_ignores_tests():
    result, _, _ = run([["pass", "longer-fails"]], {"pass": 3, "longer-fails": 0}, select="lv",
                       n=2, max_turns=1, verifier=LengthVerifier())
    assert result.turns[0].choice.answer == "longer-fails"


def test_regression_is_penalised():
    prev = Evaluation(True, False, 1, 3, outcomes={"t0": True, "t1": False, "t2": False})
    worse = Evaluation(True, False, 2, 3, outcomes={"t0": False, "t1": True, "t2": True})
    same = Evaluation(True, False, 1, 3, outcomes={"t0": True, "t1": False, "t2": False})
    assert regressed(worse, prev) and not regressed(same, prev)
    cands = [Candidate(1, 0, "worse", worse), Candidate(1, 1, "same", same)]
    assert POLICIES["pt+lv"].choose(cands, prev, random.Random(0)) == 1


def test_same_seed_same_choices_with_random_policy():
    table = {k: 0 for k in "abcde"}
    picks = [run([list("abcde")], table, select="random", n=5, max_turns=1)[0].final.answer for _ in range(3)]
    assert len(set(picks)) == 1


class CountingVerifier:
    def __init__(self):
        self.calls = 0

    def score(self, problem, answers):
        self.calls += 1
        return [0.0] * len(answers)


def test_verifier_is_skipped_only_where_it_cannot_change_the_choice():
    v = CountingVerifier()
    result, _, _ = run([["x", "ok"]], {"x": 1, "ok": 3}, n=2, max_turns=1, verifier=v)
    assert v.calls == 0 and result.final.answer == "ok" and not result.final.scored
    result, _, _ = run([["x", "y"]], {"x": 1, "y": 2}, n=2, max_turns=1, verifier=v)
    assert v.calls == 0 and result.final.answer == "y"  # y leads on the tests: no score can change that
    result, _, _ = run([["x", "y", "z"]], {"x": 1, "y": 1, "z": 0}, n=3, max_turns=1, verifier=v)
    assert v.calls == 1 and [c.scored for c in result.candidates] == [True, True, False]  # only the tied
    v2 = CountingVerifier()
    run([["x", "ok"]], {"x": 1, "ok": 3}, n=2, max_turns=1, select="lv", verifier=v2)
    assert v2.calls == 1


class RecordingVerifier(LengthVerifier):
    def __init__(self):
        self.seen = []

    def score(self, problem, answers):
        self.seen.append(list(answers))
        return super().score(problem, answers)


def test_repeated_answers_are_tested_and_scored_once():
    verifier = RecordingVerifier()
    result, _, env = run([["aa", "b", "aa", "aa"], ["b", "aa", "c", "c"]], {"aa": 1, "b": 1, "c": 2}, n=4,
                         max_turns=2, verifier=verifier)
    assert sorted(env.evaluated) == ["aa", "b", "c"]  # one test run per distinct answer, across turns
    assert verifier.seen[0] == ["aa", "b"]
    # Each candidate still carries its own evaluation and score.
    first = result.turns[0].candidates
    assert [c.evaluation.n_passed for c in first] == [1, 1, 1, 1]
    assert first[0].evaluation is not first[2].evaluation and first[0].score == first[2].score == 2.0


class RewriteEnv(TableEnv):
    """Offers a second prompt; answers to it are tagged by the scripted generator's turn list."""

    def rewrite_messages(self):
        return [{"role": "user", "content": "rewrite it"}]


def test_rewrite_candidates_come_from_the_environments_second_prompt():
    gen = ScriptedGenerator([["a", "b"], ["r"]])
    env = RewriteEnv({"a": 0, "b": 1, "r": 3})
    cfg = SearchConfig(n=3, turns=1, rewrite=1, seed=0, params=SampleParams(greedy_first=True))
    result = Search(gen, NullVerifier(), cfg).run(env)
    assert [m[0]["content"] for m, _, _ in gen.calls] == ["fix it", "rewrite it"]
    assert [(c.answer, c.strategy) for c in result.candidates] == [("a", "greedy"), ("b", "sample"), ("r", "rewrite")]
    assert [c.index for c in result.candidates] == [0, 1, 2]
    assert result.final.answer == "r" and result.solved


def test_later_turns_may_ask_for_a_different_number_of_rewrites():
    # Turn 1: one sample and one rewrite; turn 2: both rewrites (rewrite_later=2), one prompt.
    gen = ScriptedGenerator([["a"], ["r"], ["r2", "ok"]])
    env = RewriteEnv({"a": 0, "r": 1, "r2": 1, "ok": 3})
    cfg = SearchConfig(n=2, turns=2, rewrite=1, rewrite_later=2, seed=0, params=SampleParams())
    result = Search(gen, NullVerifier(), cfg).run(env)
    assert [(m[0]["content"], n) for m, n, _ in gen.calls] == [("fix it", 1), ("rewrite it", 1), ("rewrite it", 2)]
    assert [c.strategy for c in result.turns[1].candidates] == ["rewrite", "rewrite"]
    assert result.solved and result.final.answer == "ok"
    with pytest.raises(UserError, match="rewrite_later"):
        SearchConfig(n=2, rewrite_later=3)
    with pytest.raises(UserError, match="rewrite_later must be a whole number"):
        SearchConfig(n=2, rewrite_later="x")


def test_early_stop_skips_the_rewrite_prompt_when_a_sample_passed():
    gen = ScriptedGenerator([["ok"], ["r"]])
    env = RewriteEnv({"ok": 3, "r": 3})
    cfg = SearchConfig(n=2, turns=1, rewrite=1, early_stop=True, params=SampleParams())
    result = Search(gen, NullVerifier(), cfg).run(env)
    assert len(gen.calls) == 1 and result.solved and result.turns[0].stopped_early


def test_an_unchanged_answer_ranks_below_a_real_attempt_with_the_same_results():
    same = Evaluation(True, False, 1, 3, outcomes={"t0": True}, unchanged=True)
    tried = Evaluation(True, False, 1, 3, outcomes={"t0": True})
    cands = [Candidate(1, 0, "same", same), Candidate(1, 1, "tried", tried)]
    for policy in ("pt", "pt+lv"):
        assert POLICIES[policy].choose(cands, None, random.Random(0)) == 1


def test_an_answer_whose_tests_ran_ranks_above_one_that_failed_to_import():
    """Both fail; the verifier prefers the broken one (as the zero-shot one did, with its top-
    level asserts), but the tests ran for the other: its feedback is worth the next turn."""
    broken = Evaluation(True, False, 0, 0, feedback="ImportError", code="broken-but-long")
    ran = Evaluation(True, False, 0, 1, feedback="assert 1 == 2", code="ran", outcomes={"t0": False})
    for policy in ("pt", "pt+lv"):
        cands = [Candidate(1, 0, "broken-but-long", broken, score=10.0),
                 Candidate(1, 1, "ran", ran, score=-10.0)]
        assert POLICIES[policy].choose(cands, None, random.Random(0)) == 1, policy
    # Only among failing answers: one that passes stays first.
    passing = Evaluation(True, True, 0, 0, code="p")
    cands = [Candidate(1, 0, "p", passing), Candidate(1, 1, "ran", ran)]
    assert POLICIES["pt"].choose(cands, None, random.Random(0)) == 0


def test_environment_may_shape_the_next_turn():
    class Fresh(TableEnv):
        def next_messages(self, messages, answer, ev):
            return [{"role": "user", "content": f"fresh after {answer}"}]

    gen = ScriptedGenerator([["a"], ["ok"]])
    result = Search(gen, NullVerifier(), SearchConfig(n=1, turns=2, params=SampleParams())).run(Fresh({"a": 0, "ok": 3}))
    assert gen.calls[1][0] == [{"role": "user", "content": "fresh after a"}] and result.solved


def test_repeated_answers_share_one_test_run_with_parallel_workers():
    import threading
    import time

    class SlowEnv(TableEnv):
        def __init__(self, table):
            super().__init__(table)
            self.lock = threading.Lock()

        def evaluate(self, answer):
            time.sleep(0.05)  # runs overlap: a repeat arrives while the first run is in flight
            with self.lock:
                return super().evaluate(answer)

    gen = ScriptedGenerator([["a", "a", "b", "a", "b"], ["a", "b", "a", "c", "c"]])
    env = SlowEnv({"a": 1, "b": 2, "c": 1})
    cfg = SearchConfig(n=5, turns=2, select="pt", seed=0, workers=3, params=SampleParams())
    result = Search(gen, NullVerifier(), cfg).run(env)
    assert sorted(env.evaluated) == ["a", "b", "c"]  # once per distinct answer, across turns too
    assert [c.evaluation.n_passed for c in result.turns[0].candidates] == [1, 1, 2, 1, 2]
    # Repeats share a run, not an object: marking one candidate leaves the others alone.
    first, second = result.turns[0].candidates[:2]
    assert first.evaluation is not second.evaluation and first.evaluation == second.evaluation


def test_cloze_asks_come_in_turn_one_only_as_greedy_one_line_answers():
    class FimGenerator(ScriptedGenerator):
        def __init__(self, turns):
            super().__init__(turns)
            self.params = []

        def fim_tokens(self):
            return ("<P>", "<S>", "<M>")

        def sample(self, messages, n, params, seed):
            self.params.append(params)
            if isinstance(messages, str):  # a raw cloze prompt
                self.calls.append((messages, n, seed))
                yield Completion({"<P>line1<S><M>": "x\n", "<P>line2<S><M>": "ok\n"}[messages], 2, 0.01, "line")
                return
            yield from super().sample(messages, n, params, seed)

    class ClozeEnv(TableEnv):
        def cloze_prompts(self, fim, limit):
            pre, suf, mid = fim
            return [(f"{pre}line{i}{suf}{mid}", i) for i in (1, 2)][:limit]

        def cloze_answer(self, tag, text):
            return text.strip()

    gen = FimGenerator([["a", "b"], ["a", "b"], ["a", "b"], ["a", "b"]])
    env = ClozeEnv({"a": 0, "b": 1, "x": 0, "ok": 3})
    cfg = SearchConfig(n=2, turns=2, select="pt", seed=0, cloze=5, params=SampleParams())
    result = Search(gen, NullVerifier(), cfg).run(env)
    assert result.solved and len(result.turns) == 1
    assert [(c.strategy, c.answer) for c in result.turns[0].candidates] == \
        [("sample", "a"), ("sample", "b"), ("cloze", "x"), ("cloze", "ok")]
    assert result.final.answer == "ok"
    cloze_params = [p for p in gen.params if p.stop_at_line]
    assert len(cloze_params) == 2 and all(p.temperature == 0.0 and not p.stop_at_fence for p in cloze_params)
    # Without FIM markers (a model not trained on them) nothing changes.
    plain = ScriptedGenerator([["a", "b"], ["a", "b"]])
    result = Search(plain, NullVerifier(), cfg).run(ClozeEnv({"a": 0, "b": 1}))
    assert not result.solved and all(c.strategy == "sample" for c in result.candidates)
    with pytest.raises(UserError, match="cloze"):
        SearchConfig(cloze=-1)


def test_branches_continue_each_line_from_the_models_own_token():
    from mucode_cli.core import Branch

    class BranchGenerator(ScriptedGenerator):
        def __init__(self, turns):
            super().__init__(turns)
            self.scored, self.asked = [], []

        def fim_tokens(self):
            return ("<P>", "<S>", "<M>")

        def line_branches(self, prompts, lines, k):
            self.scored.append((prompts, lines, k))
            # Line 2 as written is `x = a - b`; the model would write `+` where `-` is.
            return [Branch(1, [7, 8, 9], "x = a +", 5.0), Branch(1, [7, 8, 9], "x = a + b\n", 5.0)][:k]

        def sample(self, messages, n, params, seed):
            if isinstance(messages, list) and messages and isinstance(messages[0], int):
                self.asked.append((list(messages), params))
                yield Completion(" b\n" if params.max_tokens > 1 else "\n", 1, 0.01, "line")
                return
            yield from super().sample(messages, n, params, seed)

    class LineEnv(TableEnv):
        def cloze_prompts(self, fim, limit):
            return [(f"<P>line{i}<S><M>", i) for i in (1, 2)][:limit]

        def cloze_line(self, tag):
            return {1: "y = 0\n", 2: "x = a - b\n"}[tag]

        def cloze_answer(self, tag, text):
            return f"{tag}:{text.splitlines()[0]}"

    gen = BranchGenerator([["a", "b"], ["a", "b"]])
    env = LineEnv({"a": 0, "b": 1, "2:x = a + b": 3})
    cfg = SearchConfig(n=2, turns=2, select="pt", seed=0, cloze=5, branches=3, params=SampleParams())
    result = Search(gen, NullVerifier(), cfg).run(env)
    assert gen.scored == [(["<P>line1<S><M>", "<P>line2<S><M>"], ["y = 0\n", "x = a - b\n"], 3)]
    # The continued branch and the one-token swap propose the same line: one test run.
    assert [(c.strategy, c.answer) for c in result.turns[0].candidates][2:] == \
        [("cloze", "2:x = a + b"), ("cloze", "2:x = a + b")]
    assert env.evaluated.count("2:x = a + b") == 1 and result.solved
    # The swap is complete already: not asked of the model, and tested first; the branch is
    # continued to its line's end.
    assert env.evaluated[0] == "2:x = a + b"
    assert [(ids, p.max_tokens, p.temperature, p.stop_at_line) for ids, p in gen.asked] == \
        [([7, 8, 9], 64, 0.0, True)]
    # With early stop (fix), a swap that passes ends the turn: neither the continuation nor
    # the chat prompt is asked.
    gen = BranchGenerator([["a", "b"], ["a", "b"]])
    env = LineEnv({"a": 0, "b": 1, "2:x = a + b": 3})
    cfg = SearchConfig(n=2, turns=2, select="pt", seed=0, cloze=5, branches=3, early_stop=True,
                       params=SampleParams())
    result = Search(gen, NullVerifier(), cfg).run(env)
    assert result.solved and result.turns[0].stopped_early
    assert [c.answer for c in result.candidates] == ["2:x = a + b"]
    assert gen.asked == [] and gen.calls == [] and env.evaluated == ["2:x = a + b"]
    with pytest.raises(UserError, match="branches"):
        SearchConfig(branches=-2)


def test_agreement_on_probes_comes_before_the_verifier_among_passing_answers():
    """Three answers pass the public test; two return the same on the probe inputs. The one
    on its own loses, though the verifier likes it best; only the agreeing two are scored."""
    def passing(code, behaviour):
        return Evaluation(True, True, 1, 1, code=code, behaviour=behaviour)

    lone = Candidate(1, 0, "lone", passing("lone-and-long", ("a", "x")), score=9.0)
    pair = [Candidate(1, 1, "p1", passing("p1", ("a", "b")), score=1.0),
            Candidate(1, 2, "p2", passing("p2", ("a", "b")), score=2.0)]
    failing = Candidate(1, 3, "f", Evaluation(True, False, 0, 1, code="f", outcomes={"t0": False}), score=99.0)
    cands = [lone, *pair, failing]
    policy = POLICIES["pt+agree+lv"]
    assert policy.choose(cands, None, random.Random(0)) == 2  # the agreeing pair, then the verifier
    assert [c.answer for c in policy.contenders(cands, None)] == ["p1", "p2"]
    assert POLICIES["pt+lv"].choose(cands, None, random.Random(0)) == 0  # without agreement: the verifier
    # No behaviour known (fix's environment has no probes): exactly pt+lv.
    plain = [Candidate(c.turn, c.index, c.answer, Evaluation(True, c.evaluation.passed, 1, 1, code=c.answer),
                       score=c.score) for c in cands]
    assert policy.choose(plain, None, random.Random(0)) == POLICIES["pt+lv"].choose(plain, None, random.Random(0))
    assert policy.contenders(plain, None) == POLICIES["pt+lv"].contenders(plain, None)


def test_the_prompts_examples_come_before_agreement_among_passing_answers():
    """Three answers pass the public test; two agree on the probes but get the prompt's other
    example wrong; the one that gets it right is chosen, and the verifier is not asked."""
    def passing(code, behaviour, examples):
        return Evaluation(True, True, 1, 1, code=code, behaviour=behaviour, examples=examples)

    right = Candidate(1, 0, "right", passing("right", ("a", "x"), 1), score=0.0)
    pair = [Candidate(1, 1, "p1", passing("p1", ("a", "b"), 0), score=5.0),
            Candidate(1, 2, "p2", passing("p2", ("a", "b"), 0), score=6.0)]
    failing = Candidate(1, 3, "f", Evaluation(True, False, 0, 1, code="f", outcomes={"t0": False}), score=99.0)
    cands = [*pair, right, failing]
    policy = POLICIES["pt+ex+agree+lv"]
    assert policy.choose(cands, None, random.Random(0)) == 2
    assert [c.answer for c in policy.contenders(cands, None)] == ["right"]
    assert POLICIES["pt+agree+lv"].choose(cands, None, random.Random(0)) == 1  # agreement, then the verifier
    # No example checks (MBPP, fix): exactly pt+agree+lv.
    same = [Candidate(c.turn, c.index, c.answer, Evaluation(True, c.evaluation.passed, 1, 1, code=c.answer,
                                                            behaviour=c.evaluation.behaviour), score=c.score)
            for c in cands]
    assert policy.choose(same, None, random.Random(0)) == POLICIES["pt+agree+lv"].choose(same, None, random.Random(0))
    assert policy.contenders(same, None) == POLICIES["pt+agree+lv"].contenders(same, None)
