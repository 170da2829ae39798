import pytest

from mucode_cli.splice import SpliceError, diff_size, function_spans, module_outline, splice

SRC = '''"""Doc."""
import math

CONST = 3  # keep me


class Box:
    def area(self):
        return self.w * self.w   # bug

    def name(self):
        return "box"


@staticmethod
def helper(x):
    return x + 1


def target(a, b):
    return a - b
'''


def test_spans_include_methods_and_decorators():
    spans = function_spans(SRC)
    assert set(spans) == {"Box.area", "Box.name", "helper", "target"}
    assert SRC.splitlines()[spans["helper"].start - 1] == "@staticmethod"
    assert spans["Box.area"].indent == "    "


def test_splice_keeps_every_other_byte():
    sp = splice(SRC, ["target"], "def target(a, b):\n    return a + b\n")
    assert sp.source == SRC.replace("return a - b", "return a + b")
    assert sp.changed_lines == 2


def test_splice_method_answered_as_bare_function_is_reindented():
    sp = splice(SRC, ["Box.area"], "def area(self):\n    return self.w * self.h\n")
    assert "    def area(self):\n        return self.w * self.h\n" in sp.source
    assert sp.source.count("CONST = 3  # keep me") == 1


def test_renamed_function_is_rejected():
    with pytest.raises(SpliceError, match="no function named 'target'"):
        splice(SRC, ["target"], "def other(a, b):\n    return a + b\n")


def test_change_outside_target_is_rejected_but_unchanged_copies_are_fine():
    with pytest.raises(SpliceError, match="outside"):
        splice(SRC, ["target"], "def helper(x):\n    return x + 2\n\ndef target(a, b):\n    return a + b\n")
    same = "@staticmethod\ndef helper(x):\n    return x + 1\n\ndef target(a, b):\n    return a + b\n"
    assert "return a + b" in splice(SRC, ["target"], same).source


def test_unparsable_answer_is_rejected():
    with pytest.raises(SpliceError, match="not valid Python"):
        splice(SRC, ["target"], "def target(a, b)\n    return a + b\n")


def test_new_imports_go_after_existing_imports_and_self_imports_are_dropped():
    code = "import functools\nfrom mod import target\n\ndef target(a, b):\n    return a + b\n"
    sp = splice(SRC, ["target"], code, module_name="mod")
    lines = sp.source.splitlines()
    assert lines[1:3] == ["import math", "import functools"]
    assert "from mod import" not in sp.source


def test_crlf_files_stay_crlf():
    src = "def f():\r\n    return 1\r\n\r\nX = 1\r\n"
    sp = splice(src, ["f"], "def f():\n    return 2\n")
    assert sp.source == "def f():\r\n    return 2\r\n\r\nX = 1\r\n"


def test_outline_and_diff_size():
    outline = module_outline(SRC, {"target"})
    assert "import math" in outline and "def helper(x): ..." in outline and "target" not in outline
    assert diff_size("a\nb\n", "a\nc\n") == 2


CART = "class Cart:\n    def __init__(self):\n        self.items = []\n\n    def total(self):\n        return 0\n"


def test_context_is_valid_python_with_methods_in_their_class():
    import ast

    from mucode_cli.splice import targets_source

    outline = module_outline(CART, {"Cart.total"})
    assert outline == "class Cart:\n    def __init__(self): ...\n"[:-1]
    ast.parse(outline)
    shown = targets_source(CART, ["Cart.total"])
    assert shown == "class Cart:\n    def total(self):\n        return 0\n"
    ast.parse(shown)


def test_copied_stubs_are_not_changes():
    answer = "class Cart:\n    def __init__(self): ...\n\n    def total(self):\n        return 1\n"
    sp = splice(CART, ["Cart.total"], answer)
    assert "self.items = []" in sp.source and "return 1" in sp.source
