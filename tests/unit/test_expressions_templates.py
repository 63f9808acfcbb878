"""Property-based tests: expressions and templates behave like their specification for
any values, and never evaluate what callers pass in."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowgate.engine import expressions, templates
from flowgate.engine.references import REFERENCE, split_path
from flowgate.engine.state import RunState

# The CEL parser raises the interpreter's recursion limit the first time it runs; do that
# before Hypothesis starts watching the limit.
expressions.evaluate("1 > 0", {})

numbers = st.one_of(st.integers(-(10**9), 10**9), st.floats(-1e9, 1e9, allow_nan=False))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text("abc", min_size=1, max_size=4), children, max_size=4)
    ),
    max_leaves=12,
)


def state(inputs: dict[str, Any]) -> RunState:
    return RunState(inputs, {"Start": "start"}, {})


@given(a=numbers, b=numbers)
def test_comparisons_agree_with_python_for_any_numbers(a: float, b: float) -> None:
    s = state({"a": a, "b": b})
    assert expressions.evaluate_in("{a} > {b}", s, "x") is (a > b)
    assert expressions.evaluate_in("{a} <= {b}", s, "x") is (a <= b)
    assert expressions.evaluate_in("{a} == {b}", s, "x") is (a == b)
    assert expressions.evaluate_in("{a} > 10", s, "x") is (a > 10)


@given(text=st.text(max_size=30), other=st.text(max_size=30))
def test_string_operations(text: str, other: str) -> None:
    s = state({"t": text, "o": other})
    assert expressions.evaluate_in("{t} == {o}", s, "x") is (text == other)
    assert expressions.evaluate_in("size({t})", s, "x") == len(text)
    assert expressions.evaluate_in("inputs.t.startsWith(inputs.o)", s, "x") is text.startswith(other)


@given(value=json_values)
def test_a_referenced_value_is_bound_not_parsed(value: Any) -> None:
    """Whatever a reference holds is data: `{v} == {v}` holds for every JSON value."""
    s = state({"v": value})
    assert expressions.evaluate_in("{v} == {v}", s, "x") is True


@pytest.mark.parametrize(
    "source",
    ["1 +", "{a} >", "a.b(", "x" * 5000],
)
def test_bad_expressions_are_clear_errors(source: str) -> None:
    with pytest.raises(expressions.ExpressionError):
        expressions.check(source)


@pytest.mark.parametrize("source", ["__import__('os')", "a.__class__", "open('/etc/passwd')"])
def test_expressions_cannot_reach_python(source: str) -> None:
    with pytest.raises(expressions.ExpressionError):
        expressions.evaluate(source, {"a": 1})


@given(text=st.text(alphabet=st.characters(exclude_characters="{}", exclude_categories=["Cs"]), max_size=60))
def test_text_without_braces_renders_unchanged(text: str) -> None:
    assert templates.render_in(text, state({}), "x", max_bytes=10_000) == text


@given(value=json_values)
@settings(max_examples=200)
def test_references_render_values_as_text_and_never_as_template_code(value: Any) -> None:
    s = state({"v": value})
    rendered = templates.render_in("<{v}>", s, "x", max_bytes=1_000_000)
    expected = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    assert rendered == f"<{expected}>"


def test_template_injection_through_a_value_is_inert() -> None:
    s = state({"v": "{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %} {inputs.v}"})
    assert templates.render_in("{v}", s, "x", max_bytes=10_000) == s.inputs["v"]


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ inputs.__class__ }}",
        "{{ [].append(1) }}",
    ],
)
def test_sandbox_refuses_attribute_tricks_and_mutation(source: str) -> None:
    with pytest.raises(templates.TemplateError):
        templates.render_in(source, state({"a": 1}), "x", max_bytes=10_000)


def test_render_size_is_limited() -> None:
    with pytest.raises(templates.TemplateError, match="exceeds"):
        templates.render_in("{{ 'x' * 100000 }}", state({}), "x", max_bytes=1000)


@given(name=st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True), index=st.integers(0, 99))
def test_reference_paths_split_into_names_and_indexes(name: str, index: int) -> None:
    assert split_path(f"{name}.field[{index}].x") == [name, "field", index, "x"]
    assert REFERENCE.fullmatch("{" + name + "}")
    assert not REFERENCE.search("{{" + name + "}}")


@pytest.mark.parametrize(
    ("source", "bindings", "message"),
    [
        ("price > 9.5", {"secret": "s3cr3t-value"}, "expression failed: undeclared reference to 'price'"),
        (
            "mydata.x == 1",
            {"mydata": {"x": "a"}},
            "expression failed: found no matching overload for '==' applied to '(string, int)'",
        ),
    ],
)
def test_evaluation_errors_are_short_and_carry_no_bound_values(
    source: str, bindings: dict[str, Any], message: str
) -> None:
    with pytest.raises(expressions.ExpressionError) as caught:
        expressions.evaluate(source, bindings)
    assert str(caught.value) == message
    assert "s3cr3t" not in str(caught.value)
