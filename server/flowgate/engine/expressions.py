"""Condition expressions: CEL (Common Expression Language) — no side effects, no loops
beyond bounded list macros, no access to anything but the values bound to it.

`{path}` references work inside expressions (`{value} > 10`, `{Fetch.status} == 200`);
run inputs, loop variables and blocks are also bound by name where they are valid CEL
identifiers (`inputs.text.size() > 3`).

Limits: the source is at most `MAX_EXPRESSION_CHARS` and its syntax tree at most
`MAX_EXPRESSION_DEPTH` deep (the evaluator recurses); an evaluation stops after
`max_seconds` (checked at every node it visits) and after building `max_bytes` of
strings and lists with `+` (list items count 8 bytes each); a result that is not a
bool, number or string is at most `MAX_RESULT_ITEMS` values.
"""

from __future__ import annotations

import contextvars
import functools
import math
import operator
import re
import time
from collections.abc import Mapping
from typing import Any

import celpy
import lark
from celpy import celtypes
from celpy.adapter import json_to_cel
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError, Evaluator

from flowgate.domain.models import JSONValue
from flowgate.engine.references import ReferenceError, rewrite_for_expression
from flowgate.engine.state import RunState

MAX_EXPRESSION_CHARS = 4096
MAX_EXPRESSION_DEPTH = 300
"""Depth of the syntax tree: about 28 levels of parentheses, or a chain of about 140 `+`
(evaluated 300 frames down the stack, the deepest still ends well inside the recursion limit)."""
MAX_RESULT_ITEMS = 100_000
DEFAULT_SECONDS = 0.5
DEFAULT_BYTES = 10_000_000


class ExpressionError(ValueError):
    """An expression failed to compile or evaluate; the message is safe to show."""


class _OverBudget(Exception):
    pass


class _Budget:
    __slots__ = ("built", "deadline", "max_bytes", "over", "seconds")

    def __init__(self, seconds: float, max_bytes: int) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.max_bytes = max_bytes
        self.built = 0
        self.over = ""

    def exceed(self, reason: str) -> _OverBudget:
        self.over = self.over or reason
        return _OverBudget(reason)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("expression_budget", default=None)


class _BudgetEvaluator(Evaluator):
    """The interpreter, checking the deadline at every node (macro bodies included)."""

    def _visit_tree(self, tree: lark.Tree[Any]) -> Any:
        budget = _BUDGET.get()
        if budget is not None and (budget.over or time.monotonic() > budget.deadline):
            raise budget.exceed(f"took longer than {budget.seconds * 1000:g} ms")
        return super()._visit_tree(tree)

    def sub_evaluator(self, ast: lark.Tree[Any]) -> Evaluator:
        return _BudgetEvaluator(ast, activation=self.activation)


class _Runner(celpy.InterpretedRunner):
    def evaluate(self, context: Any) -> Any:
        return _BudgetEvaluator(ast=self.ast, activation=self.new_activation()).evaluate(context)


def _add(left: Any, right: Any) -> Any:
    """`+`, with the strings and lists it builds counted against the budget."""
    budget = _BUDGET.get()
    if budget is not None:
        if isinstance(left, str | bytes) and isinstance(right, str | bytes):
            budget.built += len(left) + len(right)
        elif isinstance(left, list) and isinstance(right, list):
            budget.built += 8 * (len(left) + len(right))
        if budget.built > budget.max_bytes:
            raise budget.exceed(f"builds more than {budget.max_bytes} bytes of strings and lists")
    return operator.add(left, right)


@functools.cache
def _environment() -> celpy.Environment:
    return celpy.Environment(runner_class=_Runner)


def _depth(tree: lark.Tree[Any]) -> int:
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, lark.Tree):
            stack.extend((child, depth + 1) for child in node.children)
    return deepest


@functools.lru_cache(maxsize=2048)
def _compiled(source: str) -> tuple[Any, dict[str, str]]:
    if len(source) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(f"expression longer than {MAX_EXPRESSION_CHARS} characters")
    rewritten, paths = rewrite_for_expression(source)
    env = _environment()
    try:
        tree = env.compile(rewritten)
        if _depth(tree) > MAX_EXPRESSION_DEPTH:
            raise ExpressionError("expression is nested too deeply")
        return env.program(tree, functions={"_+_": _add}), paths
    except ExpressionError:
        raise
    except CELParseError as exc:
        raise ExpressionError(f"expression does not parse: {str(exc).splitlines()[0]}") from None
    except Exception as exc:  # the CEL compiler raises assorted errors for bad input
        raise ExpressionError(f"expression does not compile: {exc}") from None


def check(source: str) -> None:
    """Raise ExpressionError when `source` does not compile."""
    _compiled(source)


def _integral(value: JSONValue) -> JSONValue:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral(v) for v in value]
    return value


def _doubles(value: JSONValue) -> JSONValue:
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dict):
        return {k: _doubles(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_doubles(v) for v in value]
    return value


def _to_python(value: Any, count: list[int] | None = None) -> JSONValue:
    """`value` as JSON; a list or map result is at most MAX_RESULT_ITEMS values (its parts
    may be shared, so the copy could be far larger than what the evaluation built)."""
    count = count if count is not None else [0]
    count[0] += 1
    if count[0] > MAX_RESULT_ITEMS:
        raise ExpressionError(f"expression result has more than {MAX_RESULT_ITEMS} values")
    if isinstance(value, celtypes.BoolType):
        return bool(value)
    if isinstance(value, celtypes.IntType | celtypes.UintType):
        return int(value)
    if isinstance(value, celtypes.DoubleType):
        return float(value)
    if isinstance(value, celtypes.StringType):
        return str(value)
    if isinstance(value, celtypes.ListType):
        return [_to_python(v, count) for v in value]
    if isinstance(value, celtypes.MapType):
        return {str(k): _to_python(v, count) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def evaluate(
    source: str,
    bindings: Mapping[str, JSONValue],
    *,
    max_seconds: float = DEFAULT_SECONDS,
    max_bytes: int = DEFAULT_BYTES,
) -> JSONValue:
    """Evaluate `source` with `bindings` (JSON values; `{path}`s must already be bound as `_refN`).

    JSON has one number type and CEL has two: whole numbers are bound as ints, and when
    CEL finds no overload for the mix (`12 > 10.5`), numbers are bound as doubles instead.
    Both attempts share one budget."""
    program, _paths = _compiled(source)
    attempts = (_integral, _doubles)
    last: Exception | None = None
    budget = _Budget(max_seconds, max_bytes)
    token = _BUDGET.set(budget)
    try:
        for convert in attempts:
            activation = {k: json_to_cel(convert(v)) for k, v in bindings.items()}
            try:
                result = program.evaluate(activation)
            except CELEvalError as exc:
                last = exc
                continue
            except _OverBudget:
                break
            except RecursionError:
                raise ExpressionError("expression failed: too deeply nested") from None
            if isinstance(result, CELEvalError):
                last = result
                continue
            if budget.over:  # an error the evaluator absorbed (`true || …`) still counts
                break
            return _to_python(result)
    finally:
        _BUDGET.reset(token)
    if budget.over:
        raise ExpressionError(f"expression over its limits: it {budget.over}")
    message = str(last.args[0]) if last is not None and last.args else str(last)
    raise ExpressionError(f"expression failed: {_plain(message)}")


_OPERATORS = {
    "relation_eq": "==",
    "relation_ne": "!=",
    "relation_lt": "<",
    "relation_le": "<=",
    "relation_gt": ">",
    "relation_ge": ">=",
    "relation_in": "in",
    "addition_add": "+",
    "addition_sub": "-",
    "multiplication_mul": "*",
    "multiplication_div": "/",
    "multiplication_mod": "%",
    "unary_not": "!",
    "unary_neg": "-",
}
_TOKEN = re.compile(r"Token\('RULE', '(\w+)'\)")
_CEL_TYPE = re.compile(r"<class 'celpy\.celtypes\.(\w+?)(?:Type)?'>")
MAX_MESSAGE = 300


def _plain(message: str) -> str:
    """The evaluator's message without its internals: no dump of the activation (it would
    carry every bound value), operators and types by their CEL names, and short."""
    message = message.split(" (in activation", 1)[0]
    message = _TOKEN.sub(lambda m: f"'{_OPERATORS.get(m.group(1), m.group(1))}'", message)
    message = _CEL_TYPE.sub(lambda m: m.group(1).lower(), message)
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def evaluate_in(
    source: str,
    state: RunState,
    block_id: str,
    *,
    max_seconds: float = DEFAULT_SECONDS,
    max_bytes: int = DEFAULT_BYTES,
) -> JSONValue:
    """Evaluate `source` as seen from block `block_id` of a run."""
    _program, paths = _compiled(source)
    bindings: dict[str, JSONValue] = {}
    context = state.template_context()
    for name, value in context.items():
        if name.isidentifier() and name != "blocks":
            bindings[name] = value
    try:
        for key, path in paths.items():
            bindings[key] = state.resolve(path, block_id)
    except ReferenceError as exc:
        raise ExpressionError(str(exc)) from None
    return evaluate(source, bindings, max_seconds=max_seconds, max_bytes=max_bytes)
