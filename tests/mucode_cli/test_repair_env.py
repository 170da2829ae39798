"""The fix environment: what the model is shown, how answers are read, what later turns say.

Real sandbox and pytest; answers are scripted (real messy answers of the default model).
"""

import pytest

from mucode_cli.feedback import compact_feedback
from mucode_cli.fix import prepare
from mucode_cli.repair_env import RepairEnvironment
from mucode_cli.repair_style import RepairStyle
from mucode_cli.sandbox import Sandbox, SandboxLimits
from tests.conftest import write

NEW = RepairStyle(prompt="v1", context="inline", feedback="v1", lenient=True, preserve=True, unchanged=True,
                  history="fresh")

MODULE = '''import math


def helper(values):
    return len(values)


def mean(values):
    """Arithmetic mean of a non-empty list."""
    return sum(values) / (helper(values) - 1)
'''
TESTS = "from stats import mean\n\n\ndef test_mean():\n    assert mean([1, 2, 3]) == 2\n\n\ndef test_one():\n    assert mean([4]) == 4\n"
FIXED_BODY = "def mean(values):\n    return sum(values) / helper(values)\n"


@pytest.fixture
def env(tmp_path):
    sb = Sandbox(SandboxLimits(timeout=20))
    report = prepare(write(tmp_path / "stats.py", MODULE), [write(tmp_path / "test_stats.py", TESTS)], sb)
    assert report.targets == ["mean"]

    def make(style=NEW):
        return RepairEnvironment(report.inputs, report.targets, report.before, sb, style)
    return make


def test_first_message_shows_tests_and_output_then_the_function_last_then_one_rule(env):
    msg = env().initial_messages()[0]["content"]
    assert msg.index("def test_mean") < msg.index("Test output") < msg.index("The code to fix")
    assert msg.index("The code to fix") < msg.index("def mean(values):")
    assert "mean([1, 2, 3]) returned 3.0, but the test expects 2." in msg
    assert msg.count("```python\n") == 2  # the tests and the function: no context block to copy
    assert "`def helper(values)`" in msg and "`import math`" in msg  # the context, inline
    assert msg.rstrip().endswith("No tests, no usage examples.")
    assert "smallest change" in msg and "`mean`" in msg.splitlines()[-1]


def test_the_answer_block_that_defines_the_target_is_used(env):
    e = env()
    # The model first echoed a context stub, then wrote the fix, with prose around.
    answer = f"Here:\n```python\nimport math\ndef helper(values): ...\n```\nFixed:\n```python\n{FIXED_BODY}```\nDone."
    ev = e.evaluate(answer)
    assert ev.valid and ev.passed, ev.reason
    assert '"""Arithmetic mean of a non-empty list."""' in ev.source  # the dropped docstring is back
    assert ev.cost == 2  # one line changed


def test_harmless_extras_are_ignored_and_real_changes_refused(env):
    e = env()
    extra = ("import math\n\ndef helper(values):\n    return len(values)\n\n" + FIXED_BODY +
             "\nprint(mean([1, 2, 3]))\nif __name__ == '__main__':\n    assert mean([4]) == 4\n")
    assert e.evaluate(f"```python\n{extra}```").passed
    changed = "def helper(values):\n    return len(values) + 1\n\n" + FIXED_BODY
    ev = e.evaluate(f"```python\n{changed}```")
    assert not ev.valid and "helper" in ev.reason


def test_an_unchanged_answer_costs_no_test_run_and_the_next_turn_says_so(env):
    e = env()
    same = "```python\ndef mean(values):\n    # same code, new comment\n    return sum(values) / (helper(values) - 1)\n```"
    ev = e.evaluate(same)
    assert ev.valid and ev.unchanged and not ev.passed and ev.seconds == 0.0
    assert ev.n_total == 2 and ev.n_passed == 0
    nxt = e.next_messages(e.initial_messages(), same, ev)
    assert len(nxt) == 1  # history="fresh": one new message
    text = nxt[0]["content"]
    assert "did not change `mean`" in text and "def mean(values):" in text
    chat = env(RepairStyle(**{**NEW.__dict__, "history": "chat"}))
    ev = chat.evaluate(same)
    nxt = chat.next_messages(chat.initial_messages(), same, ev)
    assert [m["role"] for m in nxt] == ["user", "assistant", "user"] and "did not change" in nxt[-1]["content"]


FIM = ("<PRE>", "<SUF>", "<MID>")


def test_cloze_prompts_leave_out_one_body_line_after_the_tests(env):
    e = env()
    [(prompt, tag)] = e.cloze_prompts(FIM, limit=12)  # mean's body is one line (the docstring is not)
    assert prompt.startswith("<PRE># Tests (test_stats.py):\ndef test_mean():") and prompt.endswith("<SUF><MID>")
    assert '    """Arithmetic mean of a non-empty list."""\n    <SUF>' in prompt  # the line's indent is given
    assert "helper(values) - 1" not in prompt  # the left-out line
    fixed = e.evaluate(e.cloze_answer(tag, "return sum(values) / helper(values)\nmore text"))
    assert fixed.valid and fixed.passed and fixed.cost == 2  # a one-line diff: one line out, one in
    # A completion that does not fit the line proposes nothing: unchanged, not discarded.
    same = e.evaluate(e.cloze_answer(tag, "if values:"))
    assert same.valid and same.unchanged and not same.passed


LONG = "def total(xs):\n" + "".join(f"    a{i} = {i}\n" for i in range(10)) + "    return sum(xs) - 1\n"


def test_cloze_prompts_show_cloze_after_lines_after_the_left_out_one(tmp_path):
    sb = Sandbox(SandboxLimits(timeout=20))
    tests = "from calc import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n"
    report = prepare(write(tmp_path / "calc.py", LONG), [write(tmp_path / "test_calc.py", tests)], sb)

    def suffixes(after):
        e = RepairEnvironment(report.inputs, report.targets, report.before, sb, RepairStyle(cloze_after=after))
        return {tag[1]: p.split("<SUF>", 1)[1].removesuffix("<MID>") for p, tag in e.cloze_prompts(FIM, limit=12)}

    cut, whole = suffixes(2), suffixes(0)
    assert cut[1] == "    a1 = 1\n    a2 = 2\n"  # left out: a0 = 0 (line 1); then two lines
    assert whole[1] == "".join(LONG.splitlines(keepends=True)[2:])  # the rest of the function
    assert cut[11] == whole[11] == ""  # the last line: nothing after it either way
    assert "return sum(xs) - 1" in cut[9] and "return sum(xs) - 1" not in cut[8]
    with pytest.raises(Exception, match="cloze_after"):
        RepairStyle(cloze_after=-1)


def test_cloze_lines_skip_signature_docstring_blanks_and_comments():
    from mucode_cli.repair_prompts import body_lines

    src = ('@dec\ndef f(x,\n      y):\n    """Doc\n    more."""\n    # a comment\n    a = x\n\n'
           '    if a:\n        return y\n    return a\n')
    assert [src.splitlines()[i].strip() for i in body_lines(src)] == ["a = x", "if a:", "return y", "return a"]
    assert body_lines("def f(x): return x\n") == []


def test_a_failing_attempt_becomes_the_code_of_the_next_fresh_turn(env):
    e = env()
    attempt = "```python\ndef mean(values):\n    return sum(values) / (helper(values) + 1)\n```"
    ev = e.evaluate(attempt)
    assert ev.valid and not ev.passed and not ev.unchanged
    text = e.next_messages(e.initial_messages(), attempt, ev)[0]["content"]
    assert "(helper(values) + 1)" in text.split("The code to fix")[1]
    assert "last attempt" in text
    # The same attempt answered again next turn is "unchanged" too.
    again = e.evaluate(attempt.replace("+ 1)", "+1)"))
    assert again.unchanged


def test_invalid_answers_say_why_in_the_next_turn(env):
    e = env()
    bad = "```python\ndef mean(values)\n    return 1\n```"
    ev = e.evaluate(bad)
    assert not ev.valid and "not valid Python" in ev.reason
    text = e.next_messages(e.initial_messages(), bad, ev)[0]["content"]
    assert "could not be used" in text and "not valid Python" in text


def test_rewrite_prompt_has_signature_docstring_and_tests_not_the_body(env):
    text = env().rewrite_messages()[0]["content"]
    assert "def mean(values):" in text and "Arithmetic mean of a non-empty list." in text
    assert "helper(values) - 1" not in text and "def test_mean" in text


def test_compact_feedback_states_expected_and_got(env):
    e = env()
    fb = compact_feedback(e.baseline)
    assert fb.startswith("2 of 2 tests fail.")
    assert "mean([1, 2, 3]) returned 3.0, but the test expects 2." in fb
    assert "ZeroDivisionError" in fb and "^^^" not in fb


def test_old_style_is_still_available(env):
    e = env(RepairStyle.before())
    msg = e.initial_messages()[0]["content"]
    assert "Rest of the module" in msg and msg.index("Function(s) to fix") < msg.index("Failing tests")


def test_the_rewrite_prompt_of_a_method_whose_docstring_has_column_zero_lines(tmp_path):
    from tests.mucode_cli.test_splice import VERSIONED

    module = VERSIONED.replace("def major(self):", "def major(self):\n        \"\"\"The major part.\n\nNo indent.\n        \"\"\"")
    tests = "from version import Version\n\n\ndef test_major():\n    v = Version()\n    v.parts = [3]\n    assert v.major() == 3\n"
    sb = Sandbox(SandboxLimits(timeout=20))
    report = prepare(write(tmp_path / "version.py", module), [write(tmp_path / "test_version.py", tests)], sb)
    assert report.targets == ["Version.major"]
    text = RepairEnvironment(report.inputs, report.targets, report.before, sb).rewrite_messages()[0]["content"]
    # The string's own lines (the closing quotes included) keep their spaces: they are its content.
    assert "def major(self):\n    \"\"\"The major part.\n\nNo indent.\n        \"\"\"\n    ...\n```" in text


def test_cloze_line_is_the_left_out_line_as_written(env):
    e = env()
    [(prompt, tag)] = e.cloze_prompts(FIM, limit=12)
    line = e.cloze_line(tag)
    assert line == "return sum(values) / (helper(values) - 1)\n" and line.strip() not in prompt
