"""Condition expressions: CEL (Common Expression Language) — no side effects, no loops
beyond bounded list macros, no access to anything but the values bound to it.

`{path}` references work inside expressions (`{value} > 10`, `{Fetch.status} == 200`);
run inputs, loop variables and blocks are also bound by name where they are valid CEL
identifiers (`inputs.text.size() > 3`).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from typing import Any

import celpy
from celpy import celtypes
from celpy.adapter import json_to_cel
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError

from flowgate.domain.models import JSONValue
from flowgate.engine.references import ReferenceError, rewrite_for_expression
from flowgate.engine.state import RunState

MAX_EXPRESSION_CHARS = 4096


class ExpressionError(ValueError):
    """An expression failed to compile or evaluate; the message is safe to show."""


@functools.cache
def _environment() -> celpy.Environment:
    return celpy.Environment()


@functools.lru_cache(maxsize=2048)
def _compiled(source: str) -> tuple[Any, dict[str, str]]:
    if len(source) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(f"expression longer than {MAX_EXPRESSION_CHARS} characters")
    rewritten, paths = rewrite_for_expression(source)
    env = _environment()
    try:
        return env.program(env.compile(rewritten)), paths
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


def _to_python(value: Any) -> JSONValue:
    if isinstance(value, celtypes.BoolType):
        return bool(value)
    if isinstance(value, celtypes.IntType | celtypes.UintType):
        return int(value)
    if isinstance(value, celtypes.DoubleType):
        return float(value)
    if isinstance(value, celtypes.StringType):
        return str(value)
    if isinstance(value, celtypes.ListType):
        return [_to_python(v) for v in value]
    if isinstance(value, celtypes.MapType):
        return {str(k): _to_python(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def evaluate(source: str, bindings: Mapping[str, JSONValue]) -> JSONValue:
    """Evaluate `source` with `bindings` (JSON values; `{path}`s must already be bound as `_refN`).

    JSON has one number type and CEL has two: whole numbers are bound as ints, and when
    CEL finds no overload for the mix (`12 > 10.5`), numbers are bound as doubles instead."""
    program, _paths = _compiled(source)
    attempts = (_integral, _doubles)
    last: Exception | None = None
    for convert in attempts:
        activation = {k: json_to_cel(convert(v)) for k, v in bindings.items()}
        try:
            result = program.evaluate(activation)
        except CELEvalError as exc:
            last = exc
            continue
        if isinstance(result, CELEvalError):
            last = result
            continue
        return _to_python(result)
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


def evaluate_in(source: str, state: RunState, block_id: str) -> JSONValue:
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
    return evaluate(source, bindings)
