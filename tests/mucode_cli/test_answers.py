from mucode_cli.answers import extract_code


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
