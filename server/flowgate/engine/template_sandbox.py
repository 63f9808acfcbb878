"""The Jinja2 environment templates render in, with a budget on every render.

Jinja's own sandbox stops attribute tricks but not computation: `{{ 7**(10**7) }}` would
be folded at compile time and `{{ 'a'*10**9 }}` allocates a gigabyte. Here every
operation that can grow a value is checked *before* it runs, against the render's byte
limit (strings, lists, formatting) or `MAX_INT_BITS` (integers), nothing a caller writes
is computed at compile time, and each render has a deadline that is checked at every
step (call, filter, operator, loop iteration, output), so a render's time is bounded by
its deadline plus one step, and a step by the size limits.
"""

from __future__ import annotations

import contextvars
import functools
import math
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

MAX_INT_BITS = 4096
"""Largest integer a template may compute (about 1233 decimal digits)."""
MAX_FORMAT_FIELD = 10_000
"""Largest width or precision in a `%` or `format` conversion."""
MAX_ITEMS = 100_000
"""Most items a filter may create out of nothing (`batch` fill, `slice` count)."""
BUILT_FACTOR = 4
"""A render builds at most this many times its byte limit in all: every string and list an
operation, call or filter returns and every value it outputs (into its output, a macro's
or a `{% set %}` block's) counts, so no buffer can fill up within the deadline."""


class LimitExceeded(Exception):
    """A render went over its budget; the message says which limit."""


class NotRendering(Exception):
    """Raised when a checked operation is attempted outside a render: at compile time, so
    Jinja's constant folding gives up and leaves the operation to the render."""


class Budget:
    """Limits of one render: a deadline, a size for any value it builds, and a total of
    what it builds."""

    __slots__ = ("built", "deadline", "max_built", "max_bytes", "seconds")

    def __init__(self, max_bytes: int, seconds: float) -> None:
        self.max_bytes = max_bytes
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.built = 0
        self.max_built = BUILT_FACTOR * max_bytes

    def grow(self, size: int) -> None:
        self.built += size
        if self.built > self.max_built:
            raise LimitExceeded(f"template builds more than {self.max_built} bytes in all")

    def step(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"template took longer than {self.seconds * 1000:g} ms")

    def fits(self, size: int, what: str) -> None:
        if size > self.max_bytes:
            raise LimitExceeded(f"{what} exceeds {self.max_bytes} bytes")


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("template_budget", default=None)


def _budget() -> Budget:
    """The current render's budget, after checking its deadline (one step)."""
    budget = _BUDGET.get()
    if budget is None:
        raise NotRendering
    if time.monotonic() > budget.deadline:
        budget.step()
    return budget


def size_of(value: Any, limit: int) -> int:
    """An estimate of `value`'s length as text, at least as large as its `str()` for
    strings and numbers; stops counting past `limit` (values that share parts are counted
    once per use, as their text would be, but walked once)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3 + 2
    seen: dict[int, int] = {}

    def walk(v: Any) -> int:
        if isinstance(v, str | bytes | bytearray):
            return len(v)
        if isinstance(v, bool) or v is None:
            return 5
        if isinstance(v, int):
            return v.bit_length() // 3 + 2
        if isinstance(v, float):
            return 24
        known = seen.get(id(v))
        if known is not None:
            return known
        if isinstance(v, Namespace):
            v = object.__getattribute__(v, "_Namespace__attrs")
        total = 2
        if isinstance(v, dict):
            for key, item in v.items():
                total += walk(key) + walk(item) + 4
                if total > limit:
                    break
        elif isinstance(v, list | tuple | set | frozenset):
            for item in v:
                total += walk(item) + 2
                if total > limit:
                    break
        elif isinstance(v, range):
            total += len(v) * 8
        else:
            total += 64
        seen[id(v)] = total
        return total

    return walk(value)


# -- checks of the operations that grow values ---------------------------------------

_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)", re.S)
_SPEC_NUMBER = re.compile(r"\d+")


def _check_percent_format(budget: Budget, fmt: str, args: Any) -> None:
    fields = 0
    for match in _PERCENT.finditer(fmt):
        width, precision, kind = match.groups()
        if kind == "%":
            continue
        fields += 1
        for number in (width, precision):
            if number == "*":
                raise LimitExceeded("'*' widths in % formatting are not supported")
            if number is not None and int(number) > MAX_FORMAT_FIELD:
                raise LimitExceeded(f"a format width or precision is at most {MAX_FORMAT_FIELD}")
    largest = size_of(args, budget.max_bytes) + MAX_FORMAT_FIELD
    budget.fits(len(fmt) + fields * largest, "formatted text")


def _check_format_spec(spec: str) -> None:
    if "{" in spec:
        raise LimitExceeded("nested fields in a format specification are not supported")
    if any(int(n) > MAX_FORMAT_FIELD for n in _SPEC_NUMBER.findall(spec)):
        raise LimitExceeded(f"a format width or precision is at most {MAX_FORMAT_FIELD}")


def _check_str_format(budget: Budget, fmt: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    fields = 0
    for _literal, field, spec, _conversion in string.Formatter().parse(fmt):
        if field is not None:
            fields += 1
            _check_format_spec(spec or "")
    largest = size_of((args, kwargs), budget.max_bytes) + MAX_FORMAT_FIELD
    budget.fits(len(fmt) + fields * largest, "formatted text")


def _int_bits(value: int) -> int:
    return abs(value).bit_length()


def _check_binop(budget: Budget, operator: str, left: Any, right: Any) -> None:
    numbers = isinstance(left, int) and isinstance(right, int)
    if operator == "**":
        if numbers and right > 0 and abs(left) > 1 and right * math.log2(abs(left)) > MAX_INT_BITS:
            raise LimitExceeded(f"a power larger than {MAX_INT_BITS} bits")
    elif operator == "*":
        if numbers:
            if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
                raise LimitExceeded(f"a product larger than {MAX_INT_BITS} bits")
        elif isinstance(right, int) and right > 0:
            budget.fits(size_of(left, budget.max_bytes) * right, "a repeated value")
        elif isinstance(left, int) and left > 0:
            budget.fits(size_of(right, budget.max_bytes) * left, "a repeated value")
    elif operator == "+":
        if not numbers and not isinstance(left, float | int) and not isinstance(right, float | int):
            budget.fits(size_of(left, budget.max_bytes) + size_of(right, budget.max_bytes), "a concatenation")
    elif operator == "%" and isinstance(left, str):
        _check_percent_format(budget, left, right)


_TEXT = (str, bytes, bytearray)


def _check_method(budget: Budget, method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if isinstance(owner, _TEXT):
        size = len(owner)
        if name in ("ljust", "rjust", "center", "zfill") and args and isinstance(args[0], int):
            budget.fits(args[0], f"{name}()")
        elif name == "expandtabs":
            tab = args[0] if args and isinstance(args[0], int) else kwargs.get("tabsize", 8)
            if isinstance(tab, int):
                count = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
                budget.fits(size + count * max(tab, 0), "expandtabs()")
        elif name == "join" and args and isinstance(args[0], list | tuple):  # `call` makes it one
            items = args[0]
            budget.fits(size_of(items, budget.max_bytes) + size * len(items), "join()")
        elif name == "replace" and len(args) >= 2:
            old, new = args[0], args[1]
            if isinstance(old, _TEXT) and isinstance(new, _TEXT):
                count = owner.count(old) if old else size + 1  # type: ignore[arg-type]
                budget.fits(size + count * max(len(new) - len(old), 0), "replace()")
    elif isinstance(owner, int) and name == "to_bytes":
        length = args[0] if args else kwargs.get("length", 1)
        if isinstance(length, int):
            budget.fits(length, "to_bytes()")


def _check_result(budget: Budget, value: Any, what: str) -> Any:
    if isinstance(value, _TEXT):
        budget.fits(len(value), what)
        budget.grow(len(value))
    elif isinstance(value, list | tuple):
        budget.grow(8 * len(value))
    return value


# -- filters -------------------------------------------------------------------------

_SIZED_INPUT = {"string", "pprint", "tojson", "xmlattr", "escape", "e", "forceescape"}


_SLOW = {"wordwrap", "urlize", "title"}
MAX_SLOW_INPUT = 100_000
"""Longest text the filters written in Python take (about 0.1-0.9 s a megabyte): one
filter call is one step, and a step must stay short."""


def _check_filter(budget: Budget, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    value = args[0] if args else None
    if name in _SIZED_INPUT:
        budget.fits(size_of(value, budget.max_bytes), f"the input of |{name}")
    if name in _SLOW and size_of(value, MAX_SLOW_INPUT) > MAX_SLOW_INPUT:
        raise LimitExceeded(f"the input of |{name} exceeds {MAX_SLOW_INPUT} characters")
    if name == "center":
        width = args[1] if len(args) > 1 else kwargs.get("width", 80)
        if isinstance(width, int):
            budget.fits(width, "|center")
    elif name == "indent":
        width = args[1] if len(args) > 1 else kwargs.get("width", 4)
        pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        text = value if isinstance(value, str) else ""
        budget.fits(len(text) + (text.count("\n") + 1) * pad, "|indent")
    elif name == "replace" and len(args) >= 3:
        text, old, new = args[0], args[1], args[2]
        if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
            count = text.count(old) if old else len(text) + 1
            budget.fits(len(text) + count * max(len(new) - len(old), 0), "|replace")
    elif name == "format" and isinstance(value, str):
        _check_percent_format(budget, value, (args[1:], kwargs))
    elif name == "join":
        items = value if isinstance(value, list | tuple) else None
        sep = args[1] if len(args) > 1 else kwargs.get("d", "")
        if items is not None:
            budget.fits(size_of(items, budget.max_bytes) + size_of(sep, budget.max_bytes) * len(items), "|join")
    elif name == "batch":
        count = args[1] if len(args) > 1 else kwargs.get("linecount", 1)
        if isinstance(count, int) and count > MAX_ITEMS:
            raise LimitExceeded(f"|batch makes batches of at most {MAX_ITEMS} items")
    elif name == "slice":
        count = args[1] if len(args) > 1 else kwargs.get("slices", 1)
        if isinstance(count, int) and count > MAX_ITEMS:
            raise LimitExceeded(f"|slice makes at most {MAX_ITEMS} slices")
    elif name == "sum":
        start = args[3] if len(args) > 3 else kwargs.get("start", 0)
        if not isinstance(start, int | float):
            raise LimitExceeded("|sum adds numbers only")


def _checked_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    passes = getattr(func, "jinja_pass_arg", None)
    skip = 0 if passes is None else 1  # the context / environment Jinja passes first

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        _check_filter(budget, name, args[skip:], kwargs)
        return _check_result(budget, func(*args, **kwargs), f"|{name}")

    return checked


# -- the environment -----------------------------------------------------------------


DEFAULT_MAX_BYTES = 10_000_000
"""The byte limit constant operands are checked against when a template compiles."""


class _Unknown(Exception):
    """An operand is not a constant."""


def _check_constants(template: nodes.Template) -> None:
    """Refuse, when compiling, an operation on constants that every render would refuse
    (`{{ 7**(10**7) }}`), so validation reports it. Each constant subexpression is
    evaluated once, with the same checks as at render time."""
    budget = Budget(DEFAULT_MAX_BYTES, 1.0)
    values: dict[int, Any] = {}

    def value(node: nodes.Node) -> Any:
        key = id(node)
        if key in values:
            if values[key] is _Unknown:
                raise _Unknown
            return values[key]
        try:
            if isinstance(node, nodes.Const) and isinstance(node.value, int | float | str):
                result = node.value
            elif isinstance(node, nodes.BinExpr) and node.operator in ("+", "*", "**", "%", "-"):
                left, right = value(node.left), value(node.right)
                _check_binop(budget, node.operator, left, right)
                try:
                    result = CheckedEnvironment.default_binop_table[node.operator](left, right)
                except (TypeError, ValueError, ArithmeticError):
                    raise _Unknown from None  # a render reports it, with the values it has then
            elif isinstance(node, nodes.Neg):
                result = -value(node.node)
            else:
                raise _Unknown
        except _Unknown:
            values[key] = _Unknown
            raise
        values[key] = result
        return result

    for node in template.find_all(nodes.BinExpr):
        try:
            value(node)
        except _Unknown:
            continue


class _CheckedCodeGenerator(CodeGenerator):
    """Loops iterate through `environment.checked_iter` (a step per item) and `~`
    concatenations go through `environment.checked_concat` (size checked first); a
    template whose constants every render would refuse does not compile."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        _check_constants(node)
        super().visit_Template(node, frame)

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node.iter = nodes.Call(nodes.EnvironmentAttribute("checked_iter"), [node.iter], [], None, None)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _CheckedNamespace(Namespace):
    pass


def _finalize(value: Any) -> Any:
    """Every `{{ value }}` is checked before it becomes text (a list can share its items
    and be far larger as text than in memory)."""
    budget = _budget()
    size = len(value) if type(value) is str else size_of(value, budget.max_bytes)
    budget.fits(size, "an output value")
    budget.grow(size)
    return value


class CheckedEnvironment(ImmutableSandboxedEnvironment):
    code_generator_class = _CheckedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self) -> None:
        super().__init__(
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            optimized=False,  # the optimizer evaluates constant expressions at compile time
            finalize=_finalize,
        )
        self.globals.pop("lipsum", None)
        self.globals["namespace"] = _CheckedNamespace
        self.filters = {name: _checked_filter(name, f) for name, f in self.filters.items()}

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        _check_binop(budget, operator, left, right)
        return _check_result(budget, super().call_binop(context, operator, left, right), f"'{operator}'")

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        if getattr(__obj, "__name__", "") == "join" and args and not isinstance(args[0], list | tuple):
            args = (list(__self.checked_iter(args[0])), *args[1:])  # measured before joining
        _check_method(budget, __obj, args, kwargs)
        return _check_result(budget, super().call(__context, __obj, *args, **kwargs), "a call's result")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt: str = value.__self__
        is_map = value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            budget = _budget()
            if is_map and len(args) == 1:
                _check_str_format(budget, fmt, (), dict(args[0]))
            else:
                _check_str_format(budget, fmt, args, kwargs)
            return str(_check_result(budget, wrapped(*args, **kwargs), "format()"))

        return checked

    @staticmethod
    def checked_iter(items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            _budget()
            yield item

    @staticmethod
    def checked_concat(parts: tuple[Any, ...]) -> str:
        budget = _budget()
        texts = [str(p) if isinstance(p, str | int | float) else p for p in parts]
        total = sum(size_of(t, budget.max_bytes) for t in texts)
        budget.fits(total, "a '~' concatenation")
        budget.grow(total)
        return "".join(t if isinstance(t, str) else str(t) for t in texts)

    @staticmethod
    def concat(parts: Iterable[str]) -> str:
        """Joins a macro's, a `{% set %}` block's or a `{% filter %}` block's output."""
        budget = _budget()
        pieces = list(parts)
        total = sum(len(p) for p in pieces)
        budget.fits(total, "a block of output")
        budget.grow(total)
        return "".join(pieces)


def render_with_budget(template: jinja2.Template, context: dict[str, Any], max_bytes: int, seconds: float) -> str:
    """Render `template`, raising LimitExceeded past `max_bytes` of output or any value, or
    past `seconds`."""
    budget = Budget(max_bytes, seconds)
    token = _BUDGET.set(budget)
    try:
        parts: list[str] = []
        length = 0
        pieces = template.root_render_func(template.new_context(context))  # what render() joins
        for piece in pieces:  # each piece is bounded (and the steps timed) already
            length += len(piece)
            if length > max_bytes:
                budget.fits(length, "template output")
            parts.append(piece)
        return "".join(parts)
    finally:
        _BUDGET.reset(token)
