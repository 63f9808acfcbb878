"""Semantic versions of releases and the selectors callers use to pick one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from flowgate.domain.errors import InvalidArgument

_SEMVER = re.compile(r"^v?(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$")
_SELECTOR = re.compile(r"^(\^)?v?(0|[1-9]\d{0,8})(?:\.(0|[1-9]\d{0,8}))?(?:\.(0|[1-9]\d{0,8}))?$")

T = TypeVar("T")


def parse_semver(text: str) -> tuple[int, int, int]:
    """ "1.2.3" → (1, 2, 3); anything else is an InvalidArgument."""
    m = _SEMVER.match(text.strip())
    if not m:
        raise InvalidArgument(f"version {text!r} is not a semantic version MAJOR.MINOR.PATCH")
    return int(m[1]), int(m[2]), int(m[3])


def matches(selector: str, version: tuple[int, int, int]) -> bool:
    """Does `version` satisfy `selector`?

    "1.0" and "1.0.0" match exactly (a missing part matches any value of it: "1.0" is
    every 1.0.x, "1" every 1.x.y); "^1.0" is major 1 at or above minor 0; "" matches all.
    """
    s = selector.strip()
    if not s:
        return True
    m = _SELECTOR.match(s)
    if not m:
        return False
    caret, major, minor, patch = m[1], int(m[2]), m[3], m[4]
    if version[0] != major:
        return False
    if caret:
        lower = (int(minor) if minor is not None else 0, int(patch) if patch is not None else 0)
        return (version[1], version[2]) >= lower
    if minor is not None and version[1] != int(minor):
        return False
    return patch is None or version[2] == int(patch)


def newest_matching(selector: str, candidates: Sequence[tuple[tuple[int, int, int], T]]) -> T | None:
    """The item with the highest version that satisfies `selector`, if any."""
    best: tuple[tuple[int, int, int], T] | None = None
    for version, item in candidates:
        if matches(selector, version) and (best is None or version > best[0]):
            best = (version, item)
    return None if best is None else best[1]
