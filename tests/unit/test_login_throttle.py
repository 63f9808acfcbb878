"""The failed sign-in counter: per (name, address) pauses that grow, the per-name ceiling,
success clearing a pair, the memory bound."""

from __future__ import annotations

from flowgate.auth.throttle import LoginThrottle

A, B, C = "203.0.113.1", "198.51.100.2", "192.0.2.3"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_name_and_address_is_paused_after_its_failures_for_the_window() -> None:
    clock = Clock()
    throttle = LoginThrottle(3, 60, clock=clock)
    for _ in range(2):
        throttle.failed("Alice", A)
        clock.now += 1
    assert throttle.retry_after("alice", A) == 0
    throttle.failed(" alice ", A)
    assert throttle.retry_after("ALICE", A) == 60  # from the failure that reached the limit
    assert throttle.retry_after("bob", A) == 0
    clock.now += 60
    assert throttle.retry_after("alice", A) == 0
    throttle.failed("alice", A)  # the count starts again after a pause
    assert throttle.retry_after("alice", A) == 0


def test_failures_older_than_the_window_do_not_count() -> None:
    clock = Clock()
    throttle = LoginThrottle(3, 60, clock=clock)
    for _ in range(2):
        throttle.failed("alice", A)
    clock.now += 60
    throttle.failed("alice", A)
    assert throttle.retry_after("alice", A) == 0


def test_a_strangers_failures_do_not_stop_the_owner_at_another_address() -> None:
    throttle = LoginThrottle(10, 300, name_max_failures=100, clock=Clock())
    for _ in range(10):
        throttle.failed("TestUser", A)
    assert throttle.retry_after("testuser", A) == 300
    assert throttle.retry_after("testuser", B) == 0
    throttle.succeeded("testuser", B)  # the owner signs in; the stranger stays paused
    assert throttle.retry_after("testuser", A) == 300


def test_each_further_pause_of_a_pair_doubles_up_to_the_longest() -> None:
    clock = Clock()
    throttle = LoginThrottle(2, 60, max_pause_seconds=200, clock=clock)
    pauses = []
    for _ in range(5):
        throttle.failed("alice", A)
        throttle.failed("alice", A)
        pauses.append(throttle.retry_after("alice", A))
        clock.now += pauses[-1]
    assert pauses == [60, 120, 200, 200, 200]
    assert throttle.retry_after("alice", B) == 0  # another address starts at the first pause
    throttle.failed("alice", B)
    throttle.failed("alice", B)
    assert throttle.retry_after("alice", B) == 60


def test_a_pair_quiet_for_the_longest_pause_starts_again_and_success_clears_it() -> None:
    clock = Clock()
    throttle = LoginThrottle(1, 60, max_pause_seconds=500, clock=clock)
    throttle.failed("alice", A)
    clock.now += 60
    throttle.failed("alice", A)
    assert throttle.retry_after("alice", A) == 120
    clock.now += 120 + 500  # quiet for the longest pause after it ended
    throttle.failed("alice", A)
    assert throttle.retry_after("alice", A) == 60
    clock.now += 60
    throttle.succeeded("alice", A)
    throttle.failed("alice", A)
    assert throttle.retry_after("alice", A) == 60  # the first pause again


def test_the_per_name_ceiling_pauses_every_address_until_its_oldest_failure_leaves_the_window() -> None:
    clock = Clock()
    throttle = LoginThrottle(3, 60, name_max_failures=6, clock=clock)
    for address in (A, B):
        for _ in range(2):
            throttle.failed("alice", address)
            clock.now += 1
    assert throttle.retry_after("alice", C) == 0  # 4 of 6
    throttle.failed("Alice", A)  # A's third: A paused; 5 of 6
    assert throttle.retry_after("alice", C) == 0
    clock.now += 1
    throttle.failed("alice", B)  # the sixth
    assert throttle.retry_after("alice", C) == 55  # the oldest of the six was 5 s ago
    assert throttle.retry_after("bob", C) == 0
    throttle.succeeded("alice", B)  # a success does not lift the ceiling
    assert throttle.retry_after("alice", C) == 55
    clock.now += 55
    assert throttle.retry_after("alice", C) == 0


def test_success_clears_the_count() -> None:
    clock = Clock()
    throttle = LoginThrottle(2, 60, clock=clock)
    throttle.failed("alice", A)
    throttle.succeeded("alice", A)
    throttle.failed("alice", A)
    assert throttle.retry_after("alice", A) == 0


def test_at_most_max_names_are_remembered() -> None:
    throttle = LoginThrottle(1, 60, name_max_failures=1, max_names=2, clock=Clock())
    for name in ("a", "b", "c"):
        throttle.failed(name, A)
    assert throttle.retry_after("a", A) == 0  # forgotten first
    assert throttle.retry_after("b", A) > 0
    assert throttle.retry_after("c", A) > 0
    assert throttle.retry_after("a", B) == 0  # its per-name count too
