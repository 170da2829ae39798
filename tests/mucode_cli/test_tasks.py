"""Benchmark protocol: public/private splits, docstring examples, accounting, resume."""

import json
from pathlib import Path

import pytest

from bench import humaneval, mbpp
from bench.runner import BenchConfig, run_benchmark, success_by_turn
from mucode_cli.tasks import BenchEnvironment, BenchTask, check_public_tests
from mucode_cli.core import Completion, SampleParams
from mucode_cli.errors import UserError
from mucode_cli.sandbox import Sandbox, SandboxLimits
from mucode_cli.search import Search, SearchConfig
from mucode_cli.verifier import NullVerifier

MBPP = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "mbpp.jsonl"


def test_humaneval_public_is_a_docstring_example_private_is_check():
    tasks = {t.task_id: t for t in humaneval.load()}
    assert len(tasks) == 164
    t = tasks["HumanEval/0"]
    assert t.public_tests == ["assert has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3) == True"]  # the 2nd example
    assert "def check(candidate)" in t.private_program and t.entry_point == "has_close_elements"
    # Only one example: that one is public.
    assert tasks["HumanEval/2"].public_tests == ["assert truncate_number(3.5) == 0.5"]
    # Examples written another way (`==>`, `➞`, `should return`, one-line `>>> f(x) == y`).
    assert tasks["HumanEval/72"].public_tests == ["assert will_it_fly([3, 2, 3], 1) == False"]
    assert tasks["HumanEval/97"].public_tests == ["assert multiply(19, 28) == 72"]
    assert tasks["HumanEval/108"].public_tests == ["assert count_nums([-1, 11, -11]) == 1"]
    # Never an assert that cannot fail: every public test calls the function.
    for t in tasks.values():
        assert all(t.entry_point + "(" in p for p in t.public_tests), t.task_id
        assert t.notes and t.notes[-1].startswith(("public test:", "no public test"))
    with_check = [t for t in tasks.values() if t.notes[-1] == "public test: official check assert"]
    assert 20 <= len(with_check) <= 35  # 94 problems have no `>>>` example; most have another form


def test_inline_examples_and_check_asserts():
    prompt = ('def f(x, y):\n    """Doc.\n    f(1, [2]) ==> 3\n    * f(2, "a)") -> [4, 5]\n'
              '    f(3, 3) should return 16.\n    for f(0, 0) == 1 + 9 = 10\n    f(9, 9) # => \'x\' (a note)\n'
              '    f(1, 1) => true\n    """\n')
    assert humaneval.inline_examples(prompt, "f") == [
        "assert f(1, [2]) == 3", 'assert f(2, "a)") == [4, 5]', "assert f(3, 3) == 16", "assert f(0, 0) == 10",
        "assert f(9, 9) == 'x'", "assert f(1, 1) == True"]
    test = "def check(candidate):\n    assert True, 'always'\n    assert candidate(1) == 2\n    x = 3\n    assert candidate(x) == 4\n"
    assert humaneval.check_asserts(test, "f", "def f(x):\n    pass\n") == ["assert f(1) == 2"]


def test_public_tests_are_checked_against_the_reference():
    tasks = {t.task_id: t for t in humaneval.load()}
    picked = [tasks[i] for i in ("HumanEval/0", "HumanEval/38", "HumanEval/47", "HumanEval/148")]
    assert picked[2].public_tests == ["assert median([-10, 4, 6, 1000, 10, 20]) == 15.0"]  # wrong in the prompt
    check_public_tests(picked, Sandbox(SandboxLimits(timeout=10)))
    zero, decode, median, planets = picked
    assert zero.notes[-1] == "public test: docstring example 2"
    assert decode.public_tests == [] and decode.notes[-1].startswith("no public test")
    assert median.public_tests == ["assert median([3, 1, 2, 4, 5]) == 3"]
    assert median.notes[-1] == "public test: docstring example 1 (1 preferred one(s) fail the reference)"
    assert planets.public_tests == ['assert bf("Jupiter", "Neptune") == ("Saturn", "Uranus")']
    # The prompt's other examples are what selection checks passing answers against: the
    # public test is not among them, nor an example the reference fails.
    assert median.example_checks == [] and any("15.0" in e for e in median.examples)
    assert len(zero.examples) == 2 and zero.example_checks == ["assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False"]
    assert planets.example_checks and planets.public_tests[0] not in planets.example_checks


def test_passing_answers_are_checked_against_the_prompts_other_examples():
    """Two answers pass the public example; only one also gives the other example's value.
    The count is a selection signal: it changes neither passing nor the feedback."""
    task = humaneval.make_task({"task_id": "X/0", "entry_point": "f", "prompt":
                                'def f(x):\n    """Double it.\n    >>> f(0)\n    0\n    >>> f(0)\n    0\n    >>> f(3)\n    6\n    """\n',
                                "canonical_solution": "    return 2 * x\n",
                                "test": "def check(candidate):\n    assert candidate(5) == 10\n"})
    sb = Sandbox(SandboxLimits(timeout=10))
    check_public_tests([task], sb)
    assert task.public_tests == ["assert f(0) == 0"] and task.example_checks == ["assert f(3) == 6"]
    env = BenchEnvironment(task, sb)
    right = env.evaluate("```python\ndef f(x):\n    return 2 * x\n```")
    square = env.evaluate("```python\ndef f(x):\n    return x * x\n```")
    wrong = env.evaluate("```python\ndef f(x):\n    return 1\n```")
    assert right.passed and square.passed and not wrong.passed
    assert (right.examples, square.examples, wrong.examples) == (1, 0, 0)
    assert right.private_passed and not square.private_passed
    assert "f(3)" not in square.feedback and square.outcomes == right.outcomes


def test_docstring_example_parsing_stops_at_the_closing_quotes():
    prompt = 'def f(x):\n    """Doc.\n    >>> f(1)\n    [1,\n     2]\n    >>> f(2)\n    \'a\'\n    """\n'
    assert humaneval.docstring_examples(prompt) == ["assert f(1) == [1, 2]", "assert f(2) == 'a'"]


@pytest.mark.skipif(not MBPP.exists(), reason="needs ../shared/datasets/mbpp.jsonl")
def test_mbpp_splits_and_public_private():
    test = mbpp.load(str(MBPP), "test")
    assert len(test) == 500 and test[0].task_id == "MBPP/11"
    assert len(mbpp.load(str(MBPP), "train")) == 374
    assert len(mbpp.load(str(MBPP), "all")) == 974
    t = test[0]
    assert t.public_tests == ['assert remove_Occ("hello","l") == "heo"']
    assert len(t.private_tests) == 2 + 2  # the rest of test_list plus challenge_test_list
    with_setup = [t for t in test if t.setup_code]
    assert all(t.setup_code for t in with_setup)


def test_mbpp_bad_data_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="not found"):
        mbpp.load(str(tmp_path / "none.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    with pytest.raises(UserError, match="malformed"):
        mbpp.load(str(bad))
    bad.write_text('{"a": 1}\n')
    with pytest.raises(UserError, match="not an MBPP row"):
        mbpp.load(str(bad))
    with pytest.raises(UserError, match="split"):
        mbpp.load(str(MBPP), "dev")


def _task():
    return mbpp.make_task({"task_id": 1, "text": "Add two numbers.", "test_list": [
        "assert add(1, 2) == 3", "assert add(0, 0) == 0", "assert add(-1, 1) == 0"],
        "challenge_test_list": ["assert add(10**20, 1) == 10**20 + 1"], "test_setup_code": ""})


def test_environment_feeds_back_public_only_and_scores_private():
    env = BenchEnvironment(_task(), Sandbox(SandboxLimits(timeout=10)))
    good = env.evaluate("```python\ndef add(a, b):\n    return a + b\n```")
    assert good.passed and good.private_passed
    # Passes the public test, fails a hidden one: the model never sees the hidden test.
    sneaky = env.evaluate("```python\ndef add(a, b):\n    return 3 if (a, b) == (1, 2) else 7\n```")
    assert sneaky.passed and not sneaky.private_passed
    wrong = env.evaluate("```python\ndef add(a, b):\n    return a - b\n```")
    assert not wrong.passed
    fb = env.feedback_message(wrong)
    assert "add(1, 2)" in fb and "add(0, 0)" not in fb and "10**20" not in fb


def test_an_answers_own_failing_checks_do_not_stop_its_tests():
    env = BenchEnvironment(_task(), Sandbox(SandboxLimits(timeout=10)))
    # Right function, a wrong check of its own after it: the answer is judged on its function.
    ev = env.evaluate("```python\ndef add(a, b):\n    return a + b\n\nassert add(1, 2) == 4\nprint(add(1))\n```")
    assert ev.passed and ev.private_passed and ev.n_total == 1
    # A wrong function now gets its failing test as feedback, with the model's line numbers.
    wrong = env.evaluate("```python\nassert True\ndef add(a, b):\n    raise ValueError(a)\n\nassert add(1, 2) == 3\n```")
    assert not wrong.passed and wrong.n_total == 1
    assert "ValueError" in wrong.feedback and "solution.py:3" in wrong.feedback


def test_a_solution_function_named_test_is_not_collected_as_a_test():
    # MBPP/19: the function to write is called test_duplicate.
    task = mbpp.make_task({"task_id": 19, "text": "Find whether an array has a duplicate.", "test_list": [
        "assert test_duplicate([1, 2, 3]) == False", "assert test_duplicate([1, 2, 2]) == True"],
        "test_setup_code": ""})
    env = BenchEnvironment(task, Sandbox(SandboxLimits(timeout=10)))
    ev = env.evaluate("```python\ndef test_duplicate(arr):\n    return len(arr) != len(set(arr))\n```")
    assert ev.passed and ev.private_passed and ev.n_total == 1


def test_nothing_of_the_private_tests_shows_through_the_public_part():
    sb = Sandbox(SandboxLimits(timeout=4))
    # A hidden test that hangs: the public test still passes, and no timeout is reported.
    env = BenchEnvironment(_task(), sb)
    ev = env.evaluate("```python\ndef add(a, b):\n    while a == 0:\n        pass\n    return a + b\n```")
    assert ev.passed and not ev.private_passed
    # The hidden program does not even import: its error text stays out of the public feedback.
    task = BenchTask("X/1", "Add.", ["assert add(1, 2) == 3"], [], entry_point="add",
                     private_program="import no_such_module_here\n\ndef check(candidate):\n    pass\n")
    env = BenchEnvironment(task, sb)
    good = env.evaluate("```python\ndef add(a, b):\n    return a + b\n```")
    assert good.passed and not good.private_passed
    wrong = env.evaluate("```python\ndef add(a, b):\n    return a - b\n```")
    fb = env.feedback_message(wrong)
    assert "add(1, 2)" in fb and "no_such_module" not in fb and "test_private" not in fb


def test_passing_answers_are_probed_on_visible_inputs_only():
    env = BenchEnvironment(_task(), Sandbox(SandboxLimits(timeout=10)))
    assert env._probes and all(p.startswith("add(") for p in env._probes)
    assert not any(hidden in env._probes for hidden in ("add(0, 0)", "add(-1, 1)", "add(10 ** 20, 1)"))
    good = env.evaluate("```python\ndef add(a, b):\n    return a + b\n```")
    sneaky = env.evaluate("```python\ndef add(a, b):\n    return 3\n```")
    wrong = env.evaluate("```python\ndef add(a, b):\n    return a - b\n```")
    assert good.passed and sneaky.passed and good.behaviour and sneaky.behaviour
    assert good.behaviour != sneaky.behaviour and wrong.behaviour is None  # failing answers are not probed


class Scripted:
    def __init__(self, turns):
        self.turns, self.i = turns, 0

    def sample(self, messages, n, params, seed):
        answers = self.turns[min(self.i, len(self.turns) - 1)]
        self.i += 1
        for a in answers[:n]:
            yield Completion(f"```python\n{a}\n```", 5, 0.01, "fence")


WRONG, SNEAKY, RIGHT = ("def add(a, b):\n    return a - b", "def add(a, b):\n    return 3",
                        "def add(a, b):\n    return a + b")


def test_success_by_turn_accounting():
    sb = Sandbox(SandboxLimits(timeout=10))
    cfg = SearchConfig(n=1, turns=3, select="pt", params=SampleParams())
    # Fails turn 1, passes everything at turn 2.
    r = Search(Scripted([[WRONG], [RIGHT]]), NullVerifier(), cfg).run(BenchEnvironment(_task(), sb))
    assert success_by_turn(r, 3) == [False, True, True]
    # Passes the public test at turn 1 but not the private ones: the search stops; never a success.
    r = Search(Scripted([[SNEAKY], [RIGHT]]), NullVerifier(), cfg).run(BenchEnvironment(_task(), sb))
    assert len(r.turns) == 1 and success_by_turn(r, 3) == [False, False, False]


class Recording(Scripted):
    def __init__(self, turns):
        super().__init__(turns)
        self.asked = []

    def sample(self, messages, n, params, seed):
        self.asked.append((messages, n))
        return super().sample(messages, n, params, seed)


def test_later_turns_can_ask_afresh_with_the_failure_and_without_the_code():
    sb = Sandbox(SandboxLimits(timeout=10))
    gen = Recording([[WRONG], [RIGHT]])
    cfg = SearchConfig(n=1, turns=2, select="pt", params=SampleParams(), rewrite_later=1)
    r = Search(gen, NullVerifier(), cfg).run(BenchEnvironment(_task(), sb))
    assert success_by_turn(r, 2) == [False, True] and r.turns[1].choice.strategy == "rewrite"
    (first, _), (later, n) = gen.asked
    assert len(first) == 1 and len(later) == 1 and n == 1  # one fresh message, not the chat
    text = later[0]["content"]
    assert text.startswith(first[0]["content"].split("Return only")[0])  # the same task and public test
    # What the wrong answer did, in the model's terms, but not its code; nothing hidden.
    assert "returned -1, but the test expects 3" in text
    assert "a - b" not in text and "add(0, 0)" not in text and "10**20" not in text


def test_with_a_lead_the_answer_begins_with_the_stub_every_turn(tmp_path):
    task = {t.task_id: t for t in humaneval.load()}["HumanEval/2"]
    lead = "```python\n" + task.prompt
    assert task.stub == task.prompt and task.prompt.endswith('"""\n')  # ends as the tokenizer splits it
    env = BenchEnvironment(task, Sandbox(SandboxLimits(timeout=10)), lead=True)
    assert env.initial_messages()[-1] == {"role": "assistant", "content": lead}
    assert env.rewrite_messages()[-1] == {"role": "assistant", "content": lead}
    assert len(BenchEnvironment(task, env.sandbox).initial_messages()) == 1  # off by default
    assert len(BenchEnvironment(_task(), env.sandbox, lead=True).initial_messages()) == 1  # MBPP: no stub

    class Continuing(Recording):  # answers as the engine does: the lead, then the body
        def sample(self, messages, n, params, seed):
            self.asked.append((messages, n))
            body = ["    return 0.0\n```", "    return number % 1.0\n```"][len(self.asked) - 1]
            yield Completion(messages[-1]["content"] + body, 5, 0.01, "fence")

    gen = Continuing([])
    config = BenchConfig("humaneval", "scripted", "none", 1, 2, 0.0, "pt", 0, 1, 64, "test", prompt="lead")
    [rec] = run_benchmark([task], gen, NullVerifier(), config, SearchConfig(n=1, turns=2, select="pt"),
                          env.sandbox, tmp_path)
    assert rec["success_by_turn"] == [False, True]
    (first, _), (later, _) = gen.asked
    assert first[-1]["content"] == lead and later[-1]["content"] == lead  # asked again after the feedback
    assert later[1] == {"role": "assistant", "content": lead + "    return 0.0\n```"}  # the whole first answer
    assert "truncate_number(3.5)" in later[2]["content"]


def test_resume_skips_finished_problems(tmp_path):
    sb = Sandbox(SandboxLimits(timeout=10))
    tasks = [_task()]
    tasks.append(mbpp.make_task({"task_id": 2, "text": "Negate.", "test_list": ["assert neg(1) == -1"],
                                 "challenge_test_list": [], "test_setup_code": ""}))
    config = BenchConfig("mbpp", "scripted", "none", 1, 1, 0.0, "pt", 0, 1, 64, "test")
    scfg = SearchConfig(n=1, turns=1, select="pt", params=SampleParams())
    gen = Scripted([[RIGHT]])
    recs = run_benchmark(tasks[:1], gen, NullVerifier(), config, scfg, sb, tmp_path)
    assert len(recs) == 1 and gen.i == 1
    recs = run_benchmark(tasks, gen, NullVerifier(), config, scfg, sb, tmp_path)
    assert gen.i == 2  # only the new problem was searched
    assert sorted(r["task_id"] for r in recs) == ["MBPP/1", "MBPP/2"]
    lines = (tmp_path / "results.jsonl").read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["turns"][0]["candidates"][0]["private_passed"] is True
    other = BenchConfig("mbpp", "scripted", "none", 5, 1, 0.0, "pt", 0, 1, 64, "test")
    with pytest.raises(UserError, match="another configuration"):
        run_benchmark(tasks, gen, NullVerifier(), other, scfg, sb, tmp_path)


def test_an_older_results_folder_resumes_when_only_new_setting_fields_were_added(tmp_path):
    from dataclasses import dataclass, field

    from bench.runner import prepare_out

    @dataclass
    class Cfg:
        n: int = 5
        settings: dict = field(default_factory=dict)
        variant: dict = field(default_factory=dict)

    (tmp_path / "config.json").write_text(json.dumps({"n": 5, "settings": {"sampling": {"top_k": 20}}}))
    prepare_out(tmp_path, Cfg(settings={"sampling": {"top_k": 20, "draft_tokens": 16}}))  # a field added since
    for other in (Cfg(settings={"sampling": {"top_k": 40, "draft_tokens": 16}}), Cfg(settings={"search": {}}),
                  Cfg(n=3, settings={"sampling": {"top_k": 20, "draft_tokens": 16}})):
        with pytest.raises(UserError, match="another configuration"):
            prepare_out(tmp_path, other)
    # The variant holds overrides: one the older run did not have is another configuration.
    with pytest.raises(UserError, match="variant differ"):
        prepare_out(tmp_path, Cfg(settings={"sampling": {"top_k": 20, "draft_tokens": 16}}, variant={"rewrite_later": 5}))


def test_error_bars_over_problems_and_searches():
    from bench.runner import error_bars

    recs = [{"task_id": t, "search": s, "success_by_turn": [ok, True]}
            for t, oks in (("a", (True, True)), ("b", (False, True)), ("c", (False, False)), ("d", (False, False)))
            for s, ok in enumerate(oks)]
    bars = error_bars(recs, 2)
    assert bars["by_search"] == [[0.25, 1.0], [0.5, 1.0]]
    # Per-problem means 1, .5, 0, 0 for turn 1: population sd .4146 over sqrt(4).
    assert bars["stderr_by_turn"] == [0.2073, 0.0]
    assert bars["stderr_searches"] == [0.125, 0.0]
    assert error_bars(recs[::2], 2)["stderr_searches"] is None  # one search: no spread to measure
