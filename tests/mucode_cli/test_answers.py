from mucode_cli.answers import extract_code, without_checks


def test_first_python_block_wins():
    text = "Here:\n```text\nnot this\n```\n```python\ndef f():\n    return 1\n```\nand\n```python\nx = 2\n```"
    assert extract_code(text) == "def f():\n    return 1\n"


def test_falls_back_to_any_block_then_raw_text():
    assert extract_code("```\ndef g(): pass\n```") == "def g(): pass\n"
    assert extract_code("def h():\n    return 3") == "def h():\n    return 3\n"


def test_block_cut_by_max_tokens_is_code_up_to_the_cut():
    assert extract_code("Sure!\n```python\ndef f(x):\n    return x +") == "def f(x):\n    return x +\n"


def test_empty_answer_is_empty():
    assert extract_code("") == ""
    assert extract_code("```python\n") == ""


def test_code_among_prose_without_fences():
    from mucode_cli.answers import code_blocks

    text = "The bug is the bound.\ndef f(xs):\n    return xs[0]\nThis returns the first item."
    assert code_blocks(text) == ["def f(xs):\n    return xs[0]\n"]


def test_every_block_is_offered_python_first():
    from mucode_cli.answers import code_blocks

    text = "```\nplain\n```\n```python\ndef stub(): ...\n```\nthen\n```python\ndef f():\n    return 1\n```"
    assert code_blocks(text) == ["def stub(): ...\n", "def f():\n    return 1\n", "plain\n"]


def test_top_level_checks_are_blanked_and_the_rest_keeps_its_lines():
    code = ("import sys\nsys.setrecursionlimit(5000)\n\ndef f(x):\n    assert x >= 0\n    print(x)\n    return x\n\n"
            "assert f(1) == 2\nprint(f(3))\nassert (f(1) ==\n        1)\nx = f(1); assert x\n")
    out = without_checks(code)
    assert out.splitlines()[:7] == code.splitlines()[:7]  # the function's own asserts and prints stay
    assert out.splitlines()[7:] == ["", "", "", "", "", "x = f(1); assert x"]
    assert without_checks("def f(:\n    pass\n") == "def f(:\n    pass\n"  # unparsable: as written
    assert without_checks("def f():\n    return 1\n") == "def f():\n    return 1\n"
