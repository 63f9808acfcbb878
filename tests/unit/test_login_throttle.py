"""The failed sign-in counter: the pause, its end, success clearing it, the memory bound."""

from __future__ import annotations

from flowgate.auth.throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_name_is_paused_after_its_failures_until_the_window_passes() -> None:
    clock = Clock()
    throttle = LoginThrottle(3, 60, clock=clock)
    for _ in range(2):
        throttle.failed("Alice")
        clock.now += 1
    assert throttle.retry_after("alice") == 0
    throttle.failed(" alice ")
    assert throttle.retry_after("ALICE") == 58  # the first of the three failures was 2 s ago
    assert throttle.retry_after("bob") == 0
    clock.now += 58
    assert throttle.retry_after("alice") == 0  # the oldest failure left the window
    throttle.failed("alice")  # one more: three within the window again
    assert throttle.retry_after("alice") == 1


def test_success_clears_the_count() -> None:
    clock = Clock()
    throttle = LoginThrottle(2, 60, clock=clock)
    throttle.failed("alice")
    throttle.succeeded("alice")
    throttle.failed("alice")
    assert throttle.retry_after("alice") == 0


def test_at_most_max_names_are_remembered() -> None:
    throttle = LoginThrottle(1, 60, max_names=2, clock=Clock())
    for name in ("a", "b", "c"):
        throttle.failed(name)
    assert throttle.retry_after("a") == 0  # forgotten first
    assert throttle.retry_after("b") > 0
    assert throttle.retry_after("c") > 0
