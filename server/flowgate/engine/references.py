"""References: how block configs reach run inputs, upstream outputs and loop variables.

Syntax: `{path}` — a path of names and indexes: `{text}`, `{inputs.text}`,
`{Summarize.text}`, `{llm-1.usage.total_tokens}`, `{items[0].name}`, `{item}`, `{index}`.
The first name is looked up, in order, as:

1. a loop variable of the enclosing loop (its `item_variable`, `index`);
2. `inputs` — the run inputs;
3. a block, by id or by name (case-insensitive, spaces ignored: `{Agent 1}` = `{agent1}`);
4. a run input of that name (`{text}` = `{inputs.text}`);
5. `input` — the output of the block(s) feeding the current one.

Double braces are Jinja2 (`{{ inputs.text | upper }}`) and are left to the template engine;
to write a literal `{word}`, use Jinja: `{{ '{word}' }}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from flowgate.domain.models import JSONValue

_WORD = r"[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff-]*"
_NAME = rf"{_WORD}(?: [\w\u00c0-\uffff-]+)*"  # names may contain single spaces: {Agent 1.content}
_PATH = rf"{_NAME}(?:\.(?:{_NAME}|\d+)|\[\d+\])*"
REFERENCE = re.compile(rf"(?<!\{{)\{{\s*({_PATH})\s*\}}(?!\}})")
_SEGMENT = re.compile(rf"\.?({_NAME}|\d+)|\[(\d+)\]")


class ReferenceError(LookupError):
    """A reference names nothing that exists; the message says which."""


def split_path(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for m in _SEGMENT.finditer(path):
        if m.group(2) is not None:
            parts.append(int(m.group(2)))
        else:
            name = m.group(1)
            parts.append(int(name) if name.isdigit() and parts else name)
    return parts


def walk(value: JSONValue, path: list[str | int], full: str) -> JSONValue:
    for part in path:
        if isinstance(part, int) and isinstance(value, list):
            if part >= len(value):
                raise ReferenceError(f"{{{full}}}: index {part} is out of range")
            value = value[part]
        elif isinstance(value, dict) and str(part) in value:
            value = value[str(part)]
        else:
            raise ReferenceError(f"{{{full}}}: no field {part!r}")
    return value


def references(text: str) -> Iterator[str]:
    """Every reference path in `text`, in order."""
    for m in REFERENCE.finditer(text):
        yield m.group(1)


def as_text(value: JSONValue) -> str:
    """How a referenced value appears inside text: strings as they are, the rest as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def substitute(text: str, resolve: Callable[[str], JSONValue]) -> str:
    """Replace each `{path}` with its value as text (no template engine involved)."""
    return REFERENCE.sub(lambda m: as_text(resolve(m.group(1))), text)


def to_jinja(text: str) -> tuple[str, dict[str, str]]:
    """Rewrite `{path}` references as Jinja placeholders, so a template is parsed once and
    referenced values are never parsed as template code. Returns the source and the
    placeholder → path map."""
    paths: dict[str, str] = {}

    def repl(m: re.Match[str]) -> str:
        key = f"__ref{len(paths)}"
        paths[key] = m.group(1)
        return "{{ " + key + " }}"

    return REFERENCE.sub(repl, text), paths


def rewrite_for_expression(text: str) -> tuple[str, dict[str, str]]:
    """Rewrite `{path}` references in an expression as variables `_ref0`, `_ref1`, …"""
    paths: dict[str, str] = {}

    def repl(m: re.Match[str]) -> str:
        key = f"_ref{len(paths)}"
        paths[key] = m.group(1)
        return key

    return REFERENCE.sub(repl, text), paths


def placeholder_values(paths: dict[str, str], resolve: Callable[[str], JSONValue]) -> dict[str, Any]:
    return {key: resolve(path) for key, path in paths.items()}
