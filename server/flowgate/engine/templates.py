"""Templates rendered in Jinja2's sandbox (no attribute tricks, no imports, no file access),
with `{path}` references (see `references`) resolved before rendering.

Every render has a budget (see `template_sandbox`): no value it builds and none of its
output may exceed `max_bytes`, integers stay under `MAX_INT_BITS`, and it stops after
`max_seconds`. A template's source is at most `MAX_TEMPLATE_CHARS`."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import jinja2

from flowgate.engine.references import ReferenceError, as_text, substitute, to_jinja
from flowgate.engine.state import RunState
from flowgate.engine.template_sandbox import MAX_INT_BITS, CheckedEnvironment, LimitExceeded, render_with_budget

__all__ = ["MAX_INT_BITS", "MAX_TEMPLATE_CHARS", "TemplateError", "compile_template", "render", "render_in"]

MAX_TEMPLATE_CHARS = 100_000
DEFAULT_SECONDS = 0.5


class TemplateError(ValueError):
    """A template failed to compile or render; the message is safe to show."""


@functools.cache
def _environment() -> CheckedEnvironment:
    return CheckedEnvironment()


def _compiled(source: str) -> tuple[jinja2.Template, dict[str, str]]:
    if len(source) > MAX_TEMPLATE_CHARS:
        raise TemplateError(f"template longer than {MAX_TEMPLATE_CHARS} characters")
    return _compiled_cached(source)


@functools.lru_cache(maxsize=1024)
def _compiled_cached(source: str) -> tuple[jinja2.Template, dict[str, str]]:
    rewritten, paths = to_jinja(source)
    try:
        return _environment().from_string(rewritten), paths
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error on line {exc.lineno}: {exc.message}") from None
    except (RecursionError, MemoryError, SyntaxError):  # nesting deeper than the compilers take
        raise TemplateError("template syntax error: too deeply nested") from None
    except LimitExceeded as exc:  # constants that every render would refuse
        raise TemplateError(f"template over its limits: {exc}") from None


def compile_template(source: str) -> None:
    """Check that `source` compiles; raises TemplateError."""
    _compiled(source)


def _render(template: jinja2.Template, context: Mapping[str, Any], max_bytes: int, max_seconds: float) -> str:
    try:
        text = render_with_budget(template, dict(context), max_bytes, max_seconds)
    except LimitExceeded as exc:
        raise TemplateError(f"template over its limits: {exc}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template refers to something undefined: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"template not allowed: {exc}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        raise TemplateError(f"template failed: {exc}") from None
    except (jinja2.TemplateError, AssertionError) as exc:  # filters check arguments with assert
        raise TemplateError(f"template failed: {exc}") from None
    except RecursionError:
        raise TemplateError("template failed: too deeply nested") from None
    if len(text.encode()) > max_bytes:
        raise TemplateError(f"template output exceeds {max_bytes} bytes")
    return text


def render(source: str, context: Mapping[str, Any], *, max_bytes: int, max_seconds: float = DEFAULT_SECONDS) -> str:
    """Render a plain Jinja template (no references) with `context`."""
    template, paths = _compiled(source)
    if paths:
        raise TemplateError("references need a run state: use render_in")
    return _render(template, context, max_bytes, max_seconds)


def _is_jinja(source: str) -> bool:
    return "{{" in source or "{%" in source or "{#" in source


def render_in(
    source: str, state: RunState, block_id: str | None, *, max_bytes: int, max_seconds: float = DEFAULT_SECONDS
) -> str:
    """Render `source` for block `block_id`: `{path}` references and `{{ jinja }}` both work.

    Text without Jinja syntax only has its references replaced (exactly as written
    otherwise); Jinja templates follow Jinja's rules (line endings become "\\n")."""
    if not _is_jinja(source):
        try:
            text = substitute(source, lambda path: state.resolve(path, block_id))
        except ReferenceError as exc:
            raise TemplateError(str(exc)) from None
        if len(text.encode()) > max_bytes:
            raise TemplateError(f"template output exceeds {max_bytes} bytes")
        return text
    template, paths = _compiled(source)
    context = state.template_context()
    try:
        for key, path in paths.items():
            context[key] = as_text(state.resolve(path, block_id))
    except ReferenceError as exc:
        raise TemplateError(str(exc)) from None
    return _render(template, context, max_bytes, max_seconds)
