"""Templates and expressions never compute unbounded values: every construct that grows a
value is refused before it runs, nothing a caller writes is computed at compile time, and
every render and evaluation has a deadline."""

from __future__ import annotations

import tracemalloc
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowgate.engine import expressions, templates
from flowgate.engine.blocks.base import BlockFailed
from flowgate.engine.blocks.condition import ConditionBlock
from flowgate.engine.limits import EngineLimits
from flowgate.engine.state import RunState

expressions.evaluate("1 > 0", {})  # the CEL parser raises the recursion limit on first use

MB = 1_000_000


def state(inputs: dict[str, Any] | None = None) -> RunState:
    return RunState(inputs or {}, {"Start": "start"}, {})


# A deadline only the limit under test can beat, however loaded the machine: the tests of
# the deadline itself pass theirs.
def render(source: str, inputs: dict[str, Any] | None = None, *, max_bytes: int = 10 * MB, seconds: float = 30) -> str:
    return templates.render_in(source, state(inputs), "x", max_bytes=max_bytes, max_seconds=seconds)


# -- compile time ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "folded"),
    [
        ("{{ 2 ** 100 }}", str(2**100)),
        ("{{ 'ab' * 20 }}", "ab" * 20),
        ("{{ 'x' | center(41) }}", "x".center(41)),
        ("{{ 'ab' ~ 'cd' * 3 }}", "abcdcdcd"),
    ],
)
def test_nothing_is_computed_at_compile_time(source: str, folded: str) -> None:
    """Jinja's optimizer and its output folding evaluate constant expressions while
    compiling (`{{ 7**(10**7) }}` held the compiler for seconds): the compiled code must
    carry the expression, not its value."""
    code = templates._environment().compile(source, raw=True)
    assert folded not in code
    assert render(source) == folded


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ (7**(10**7)) > 1 }}", "a power larger than 4096 bits"),
        ("{{ ('a'*1500000000)|length }}", "a repeated value exceeds 10000000 bytes"),
        ("{{ -(10**5000) }}", "a power larger than 4096 bits"),
        ("{{ '%1000000000s' % 'a' }}", "format width or precision is at most 10000"),
    ],
)
def test_validation_refuses_constants_every_render_would_refuse(source: str, message: str) -> None:
    """Checked, not computed: the checks run on the constants before any operation."""
    with pytest.raises(templates.TemplateError, match=message):
        templates.compile_template(source)
    with pytest.raises(templates.TemplateError, match=message):
        render(source)


@pytest.mark.parametrize("source", ["{{ inputs.n ** 10**7 }}", "{{ 1 / 0 }}", "{{ 'a' + 1 }}", "{{ 2 ** 4000 }}"])
def test_operations_on_run_values_or_failing_ones_are_left_to_the_render(source: str) -> None:
    templates.compile_template(source)


def test_template_source_size_is_limited() -> None:
    with pytest.raises(templates.TemplateError, match="template longer than 100000 characters"):
        templates.compile_template("x" * 100_001)


def test_deep_nesting_is_a_syntax_error_not_a_crash() -> None:
    with pytest.raises(templates.TemplateError, match="syntax error"):
        templates.compile_template("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}")


# -- growth ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ ('a'*1500000000)|length }}", "a repeated value exceeds"),
        ("{{ ([1]*1500000000)|length }}", "a repeated value exceeds"),
        ("{{ 3 * 'a' * 10**9 }}", "a power larger|a repeated value exceeds"),
        ("{{ inputs.ten**2000 }}", "a power larger than 4096 bits"),
        ("{{ (inputs.two**4000) * (inputs.two**4000) }}", "a product larger than 4096 bits"),
        ("{{ 'a'.ljust(10**9) }}", "ljust\\(\\) exceeds"),
        ("{{ 'a'.center(10**9) }}", "center\\(\\) exceeds"),
        ("{{ '1'.zfill(10**9) }}", "zfill\\(\\) exceeds"),
        ("{{ 'a\tb'.expandtabs(10**9) }}", "expandtabs\\(\\) exceeds"),
        ("{{ ('x'*1000000).join(range(100)) }}", "join\\(\\) exceeds"),
        ("{{ ('a'*1000).replace('a', 'b'*100000) }}", "replace\\(\\) exceeds"),
        ("{{ 'abc'.replace('', 'x'*5000000) }}", "replace\\(\\) exceeds"),
        ("{{ (1).to_bytes(10**9, 'big')|length }}", "to_bytes\\(\\) exceeds"),
        ("{{ '%1000000000s' % 'a' }}", "format width or precision is at most 10000"),
        ("{{ '%*s' % (10**9, 'a') }}", "'\\*' widths"),
        ("{{ '%.100000f' % 1.5 }}", "format width or precision"),
        ("{{ '{:>1000000000}'.format('a') }}", "format width or precision"),
        ("{{ '{:{w}}'.format('a', w=10**9) }}", "nested fields"),
        ("{{ '{0}{0}{0}{0}{0}'.format('x'*3000000) }}", "formatted text exceeds"),
        ("{{ '%s%s%s%s' % (('x'*3000000),)*4 }}", "exceeds"),
        ("{{ 'a'|center(1000000000) }}", "\\|center exceeds"),
        ("{{ 'x'|indent(1000000000, true) }}", "\\|indent exceeds"),
        ("{{ ('a'*1000)|replace('a', 'b'*100000) }}", "\\|replace exceeds"),
        ("{{ '%s%s'|format('x'*6000000, 'y'*6000000) }}", "formatted text exceeds"),
        ("{{ ['x'*6000000, 'y'*6000000]|join }}", "\\|join exceeds"),
        ("{{ [1]|batch(1000000000, 'x')|list|length }}", "\\|batch makes batches of at most 100000"),
        ("{{ [1]|slice(1000000000)|list|length }}", "\\|slice makes at most 100000"),
        ("{{ [[1]]*1000|sum(start=[]) }}", "\\|sum adds numbers only"),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "a '~' concatenation exceeds",
        ),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
            "a concatenation exceeds",
        ),
        (
            "{% set ns = namespace(s=[1]) %}{% for i in range(80) %}{% set ns.s = [ns.s, ns.s] %}{% endfor %}"
            "{{ ns.s }}",
            "an output value exceeds",
        ),
        (
            "{% set ns = namespace(s=['x'*100]) %}{% for i in range(80) %}{% set ns.s = [ns.s, ns.s] %}{% endfor %}"
            "{{ ns.s|tojson }}",
            "the input of \\|tojson exceeds",
        ),
        ("{% for i in range(100000) %}{{ 'x' * 200 }}{% endfor %}", "template output exceeds"),
    ],
)
def test_growth_is_refused_before_it_happens(source: str, message: str) -> None:
    with pytest.raises(templates.TemplateError, match=message):
        render(source, {"ten": 10, "two": 2})


@pytest.mark.parametrize(
    "source",
    [
        "{% set x %}{% for i in range(100000) %}{{ inputs.a ~ i }}{% endfor %}{% endset %}{{ x|length }}",
        "{% macro m() %}{% for i in range(100000) %}{{ inputs.a }}{% endfor %}{% endmacro %}{{ m()|length }}",
        "{% filter upper %}{% for i in range(100000) %}{{ inputs.a }}{% endfor %}{% endfilter %}",
        "{{ range(100000)|map('center', 9000000)|list|length }}",
        "{{ range(100000)|map('string')|map('center', 9000000)|map('length')|sum }}",
    ],
)
def test_what_a_render_builds_in_all_is_bounded(source: str) -> None:
    """Values that are each within the limit but pile up in a buffer or a list, where the
    output counter does not see them, count too: at most 4 x the limit in all."""
    with pytest.raises(templates.TemplateError, match="template builds more than 40000000 bytes in all"):
        render(source, {"a": "x" * 5 * MB})


def test_a_block_of_captured_output_is_limited() -> None:
    source = "{% set x %}{% for i in range(100000) %}" + "L" * 90_000 + "{% endfor %}{% endset %}{{ x|length }}"
    with pytest.raises(templates.TemplateError, match="a block of output exceeds 10000000 bytes"):
        render(source)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 'ab'|truncate(0) }}", "template failed: expected length >= 3, got 0"),
        ("{% set x = 1 %}{% set x.y = 2 %}", "template failed: cannot assign attribute on non-namespace object"),
    ],
)
def test_errors_jinja_raises_itself_are_template_errors(source: str, message: str) -> None:
    with pytest.raises(templates.TemplateError) as caught:
        render(source)
    assert str(caught.value) == message


@pytest.mark.parametrize("name", ["wordwrap(1)", "urlize", "title"])
def test_filters_written_in_python_take_short_texts_only(name: str) -> None:
    """One filter call is one step of the budget: wordwrap(1) took 7.8 s on 9 MB."""
    assert render("{{ inputs.a|" + name + "|length > 0 }}", {"a": "word " * 20_000}) == "True"
    with pytest.raises(templates.TemplateError, match=r"the input of \|\w+ exceeds 100000 characters"):
        render("{{ inputs.a|" + name + " }}", {"a": "word " * 20_001})


def test_lipsum_is_gone() -> None:
    with pytest.raises(templates.TemplateError, match="'lipsum' is undefined"):
        render("{{ lipsum(100000) }}")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 2 ** 64 }}", str(2**64)),
        ("{{ (2**4000)|string|length }}", str(len(str(2**4000)))),
        ("{{ '%5s|%-3d|%.2f' % ('a', 7, 1.5) }}", "    a|7  |1.50"),
        ("{{ '{:>6}|{:.3}'.format('x', 2.5) }}", "     x|2.5"),
        ("{{ 'a,b'.split(',')|join('-') }}", "a-b"),
        ("{{ 'ab' * 3 ~ [1, 2]|join }}", "ababab12"),
        ("{{ 'x'|center(5) }}|{{ 'a\nb'|indent(2) }}", "  x  |a\n  b"),
        ("{{ range(3)|sum }} {{ [1.5, 2]|sum }}", "3 3.5"),
        (
            "{% set ns = namespace(n=0) %}{% for i in range(1000) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}",
            "499500",
        ),
        ("{{ inputs.t.upper().replace('A', 'bb') }}", "bbBC"),
        ("{{ '-'.join(range(4)|map('string')) }}", "0-1-2-3"),
        ("{% for x in [1, 2, 3] if x > 1 %}{{ loop.index }}/{{ loop.length }} {% endfor %}", "1/2 2/2 "),
        (
            "{% for x in [{'n': 1, 'c': [{'n': 2, 'c': []}]}] recursive %}{{ x.n }}{{ loop(x.c) }}{% endfor %}",
            "12",
        ),
    ],
)
def test_ordinary_templates_still_work(source: str, expected: str) -> None:
    assert render(source, {"t": "abc"}) == expected


# -- time --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}done",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% if i == j %}{% endif %}{% endfor %}{% endfor %}",
        "{% for i in range(100000) %}{{ range(100000)|map('string')|join|length }}{% endfor %}",
    ],
)
def test_a_render_stops_at_its_deadline(source: str) -> None:
    with pytest.raises(templates.TemplateError, match=r"template took longer than 50 ms|exceeds"):
        render(source, seconds=0.05)


def test_the_deadline_names_itself() -> None:
    with pytest.raises(templates.TemplateError, match="template over its limits: template took longer than 20 ms"):
        render("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", seconds=0.02)


# -- property: random growth stays within the budget -------------------------------------

atoms = st.sampled_from(["'ab'", "'x' * 7", "3", "12", "[1, 'a']", "inputs.s", "inputs.n", "ns.v"])


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(["+", "*", "**", "~", "%"]), children).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    )
    filtered = st.tuples(
        children,
        st.sampled_from(
            [
                "center({})",
                "indent({}, true)",
                "replace('a', 'aaaa' * {})",
                "join",
                "string",
                "tojson",
                "list",
                "batch({}, 'z')",
                "wordwrap({})",
                "truncate({})",
            ]
        ),
        st.integers(0, 10**7),
    ).map(lambda t: f"({t[0]}|{t[1].format(t[2])})")
    method = st.tuples(children, st.sampled_from(["ljust", "zfill", "expandtabs", "join"]), children).map(
        lambda t: f"({t[0]}|string).{t[1]}({t[2]})"
    )
    listed = st.lists(children, min_size=1, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
    return binary | filtered | method | listed


expressions_st = st.recursive(atoms, _combine, max_leaves=12)


@given(expr=expressions_st, loops=st.integers(0, 40))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_growing_expressions_never_exceed_the_budget(expr: str, loops: int) -> None:
    """Whatever the nesting of operators, filters and methods (repeated in a loop through a
    namespace, the one place a template can accumulate): the render either answers within
    the byte budget or refuses, and never allocates far beyond it."""
    limit = 200_000
    source = (
        "{% set ns = namespace(v='q') %}"
        f"{{% for i in range({loops}) %}}{{% set ns.v = {expr} %}}{{% endfor %}}"
        f"{{{{ {expr} }}}}"
    )
    tracemalloc.start()
    try:
        text = render(source, {"s": "abc\tdef", "n": 5}, max_bytes=limit, seconds=0.2)
    except templates.TemplateError:
        text = None
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    if text is not None:
        assert len(text.encode()) <= limit
    assert peak < 100 * limit, f"{peak} bytes allocated rendering {source}"


# -- CEL -----------------------------------------------------------------------------------

BIG = list(range(2000))


@pytest.mark.parametrize(
    ("source", "bindings", "message"),
    [
        ("l.map(x, l.map(y, l.map(z, z))) == []", {"l": BIG}, "expression over its limits: it took longer than 50 ms"),
        ("l.exists(x, l.all(y, y >= 0) && x < 0)", {"l": BIG}, "took longer than 50 ms"),
        ("true || l.map(x, l.map(y, y)) == []", {"l": BIG}, "took longer than 50 ms"),
        ("s + s + s + s + s + s + s + s + s + s + s + s == ''", {"s": "a" * 4 * MB}, "builds more than 10000000 bytes"),
        ("l.map(x, l + l).size() > 0", {"l": list(range(300_000))}, "builds more than|took longer"),
        ("9223372036854775807 + 1 > 0", {}, "overflow"),
        ("-9223372036854775807 * 3 < 0", {}, "overflow"),
    ],
)
def test_expressions_stop_at_their_limits(source: str, bindings: dict[str, Any], message: str) -> None:
    with pytest.raises(expressions.ExpressionError, match=message):
        expressions.evaluate(source, bindings, max_seconds=0.05)


def test_an_expression_result_is_capped_in_size() -> None:
    # A deadline long enough that only the result cap can stop it, however slow the machine.
    with pytest.raises(expressions.ExpressionError, match="expression result has more than 100000 values"):
        expressions.evaluate("l.map(x, l)", {"l": BIG[:400]}, max_seconds=30)


@pytest.mark.parametrize(
    "source",
    ["(" * 60 + "1" + ")" * 60 + " == 1", "[" * 60 + "1" + "]" * 60 + " == []", "-" * 600 + "1 < 0"],
)
def test_deeply_nested_expressions_are_refused_when_checked(source: str) -> None:
    with pytest.raises(expressions.ExpressionError, match="expression is nested too deeply"):
        expressions.check(source)


def test_moderate_nesting_still_evaluates() -> None:
    assert expressions.evaluate("(" * 20 + "1" + ")" * 20 + " == 1", {}) is True
    assert expressions.evaluate(" + ".join(["1"] * 50) + " == 50", {}) is True


def test_a_condition_that_gives_a_list_names_its_type_not_its_rows() -> None:
    """`l.map(x, l)` shares its rows: shown whole, the message would be rows x rows long."""
    ctx = SimpleNamespace(state=state({"l": list(range(300))}), node=SimpleNamespace(id="c"), limits=EngineLimits())
    with pytest.raises(BlockFailed) as caught:
        ConditionBlock._truth("inputs.l.map(x, inputs.l)", ctx)  # type: ignore[arg-type]
    assert str(caught.value) == "condition 'inputs.l.map(x, inputs.l)' gave a list, not true or false"
    with pytest.raises(BlockFailed) as caught:
        ConditionBlock._truth("'x' + inputs.s", SimpleNamespace(**{**vars(ctx), "state": state({"s": "y" * 500})}))  # type: ignore[arg-type]
    assert str(caught.value) == "condition \"'x' + inputs.s\" gave '" + "x" + "y" * 97 + "…, not true or false"
