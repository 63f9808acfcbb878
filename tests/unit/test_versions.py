from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowgate.domain.errors import InvalidArgument
from flowgate.domain.versions import matches, newest_matching, parse_semver

RELEASES = [((1, 0, 0), "a"), ((1, 2, 0), "b"), ((1, 10, 1), "c"), ((2, 0, 0), "d"), ((0, 9, 0), "e")]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("", "d"),
        ("^1.0", "c"),
        ("^1.3", "c"),
        ("^1.11", None),
        ("1.0", "a"),
        ("1.2", "b"),
        ("1.2.0", "b"),
        ("1", "c"),
        ("2", "d"),
        ("^0.9", "e"),
        ("3.0", None),
        ("banana", None),
        ("1.0.0.0", None),
    ],
)
def test_selectors(selector: str, expected: str | None) -> None:
    assert newest_matching(selector, RELEASES) == expected


@pytest.mark.parametrize("text", ["1.0", "1", "1.0.0-beta", "01.0.0", "x.y.z", "", "1.0.0.0"])
def test_publish_versions_must_be_full_semver(text: str) -> None:
    with pytest.raises(InvalidArgument):
        parse_semver(text)


@given(st.tuples(st.integers(0, 999), st.integers(0, 999), st.integers(0, 999)))
def test_a_version_matches_its_own_exact_and_caret_selectors(v: tuple[int, int, int]) -> None:
    text = "{}.{}.{}".format(*v)
    assert parse_semver(text) == v
    assert matches(text, v)
    assert matches(f"^{v[0]}.{v[1]}", v)
    assert not matches(f"^{v[0] + 1}.0", v)
