"""JSON values as google.protobuf.Value: every value, empty containers included, is a set Value."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf import json_format

from flowgate.api.converters import to_value


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ({}, "struct_value"),
        ([], "list_value"),
        ({"a": {}, "b": [], "c": [{}]}, "struct_value"),
        ([{}, []], "list_value"),
        (None, "null_value"),
        (0, "number_value"),
        ("", "string_value"),
        (False, "bool_value"),
    ],
)
def test_every_json_value_becomes_a_set_value_that_round_trips(value: Any, kind: str) -> None:
    converted = to_value(value)
    assert converted.WhichOneof("kind") == kind
    assert json_format.MessageToDict(converted) == value
