"""Which run targets take schedule tokens, decided by the run use case."""

from __future__ import annotations

import pytest

from flowgate.app.runs import DOCUMENT_ROUTE_KEYS_ONLY, RunTarget, RunUseCases
from flowgate.domain.errors import Unauthenticated

SCHEDULE = "Bearer st-0123456789abcdef"
KEY = "Bearer wn-0123456789abcdef"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (RunTarget(document_id="d"), DOCUMENT_ROUTE_KEYS_ONLY),
        (RunTarget(alias="a", version="1", method="GET", path="/p"), "Unauthorized"),
        (RunTarget(), "Unauthorized"),
    ],
)
def test_schedule_tokens_are_refused_off_deployment_targets(target: RunTarget, message: str) -> None:
    with pytest.raises(Unauthenticated) as refused:
        RunUseCases.refuse_schedule_tokens(SCHEDULE, target)
    assert str(refused.value) == message


@pytest.mark.parametrize("authorization", [SCHEDULE, KEY])
def test_deployment_targets_take_either(authorization: str) -> None:
    RunUseCases.refuse_schedule_tokens(authorization, RunTarget(deployment_id="dep"))


@pytest.mark.parametrize("authorization", [KEY, None, "", "Basic st-x", "Bearer "])
def test_keys_and_unusable_credentials_are_left_to_authentication(authorization: str | None) -> None:
    RunUseCases.refuse_schedule_tokens(authorization, RunTarget(document_id="d"))
