"""Templates rendered in Jinja2's sandbox: no attribute tricks, no imports, no file access."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment


class TemplateError(ValueError):
    """A template failed to compile or render; the message is safe to show."""


@functools.cache
def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )


@functools.lru_cache(maxsize=1024)
def compile_template(source: str) -> jinja2.Template:
    try:
        return _environment().from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error on line {exc.lineno}: {exc.message}") from None


def render(source: str, context: Mapping[str, Any], *, max_bytes: int) -> str:
    template = compile_template(source)
    try:
        text = template.render(context)
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template refers to something undefined: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"template not allowed: {exc}") from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise TemplateError(f"template failed: {exc}") from None
    if len(text.encode()) > max_bytes:
        raise TemplateError(f"template output exceeds {max_bytes} bytes")
    return text
