"""How deeply the JSON of a request may nest, for every family alike: the JSON text of
HTTP bodies the server parses itself is measured here before it is parsed (the decoded
`google.protobuf.Struct` values of gRPC requests are measured in `api/limits.py`); and
the strings of a parsed body made valid Unicode."""

from __future__ import annotations

import re
from typing import Any

from flowgate.domain.errors import FlowgateError, InvalidArgument

DEFAULT_MAX_JSON_DEPTH = 32
"""Levels of JSON objects and arrays a request may nest (upb refuses ~33 levels of
objects inside a request message: the limit has to be below that)."""

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_AS_PARENS = bytes.maketrans(b"[]{}", b"()()")


def json_too_deep(text: bytes | str, limit: int) -> bool:
    """True when the JSON text nests objects/arrays more than `limit` levels deep.

    Linear and without recursion (work done in C: strings are cut out, the brackets
    kept, then each pass removes the innermost pairs, one level each): safe on any input.
    Text that is not JSON gives some answer and no error; the parser that follows says
    what is wrong with it.
    """
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    brackets = _STRING.sub(b"", data).translate(_AS_PARENS, _NOT_BRACKETS)
    for _ in range(limit):
        shorter = brackets.replace(b"()", b"")
        if len(shorter) == len(brackets):
            return False
        brackets = shorter
    return b"()" in brackets


def too_deep_message(limit: int) -> str:
    return f"is nested deeper than {limit} levels"


def too_deep_error(field: str, limit: int) -> FlowgateError:
    """The refusal of a request nested too deeply, named by its field ("" when the
    decoder could not tell which): a plain INVALID_ARGUMENT, for calls of no family and
    of the families that have no shape of their own for it."""
    message = too_deep_message(limit)
    return InvalidArgument(f"{field} {message}" if field else f"The request {message}", violations=())


def valid_unicode(value: Any) -> Any:
    """Strings as valid Unicode: a lone surrogate escape (legal JSON, not Unicode) becomes U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list):
        return [valid_unicode(v) for v in value]
    if isinstance(value, dict):
        return {str(valid_unicode(k)): valid_unicode(v) for k, v in value.items()}
    return value
