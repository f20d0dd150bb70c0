"""A render of the shared files waits for a burst of publishes to settle, within a bound."""

from __future__ import annotations

from newsroom.site.settle import Settle


class Clock:
    """A clock that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.t = 1_000.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.t += seconds


def settle(clock: Clock, quiet_ms: int, longest_ms: int) -> Settle:
    base = Settle.from_milliseconds(quiet_ms, longest_ms)
    return Settle(base.quiet, base.longest, now=clock.now, sleep=clock.sleep)


def test_a_render_long_after_the_last_publish_begins_at_once() -> None:
    clock = Clock()
    waited = settle(clock, 1000, 5000).wait(lambda: clock.t - 30)
    assert waited == 0 and clock.slept == []


def test_a_single_publish_waits_the_quiet_time_from_its_marking() -> None:
    clock = Clock()
    marked = clock.t - 0.2
    waited = settle(clock, 1000, 5000).wait(lambda: marked)
    assert round(waited, 3) == 0.8


def test_publishes_that_keep_marking_extend_the_wait_until_they_pause() -> None:
    clock = Clock()
    start = clock.t
    # Marks at 0.5 s and 1.2 s after the render woke, then nothing.
    marks = [start, start + 0.5, start + 1.2]

    def last_marked() -> float:
        return max(m for m in marks if m <= clock.t)

    waited = settle(clock, 1000, 5000).wait(last_marked)
    assert round(waited, 3) == 2.2  # one second after the last marking


def test_a_burst_that_never_pauses_waits_no_longer_than_the_bound() -> None:
    clock = Clock()
    waited = settle(clock, 1000, 5000).wait(lambda: clock.t - 0.1)  # a marking just now
    assert round(waited, 3) == 5.0


def test_no_quiet_time_never_waits_and_the_bound_is_at_least_the_quiet_time() -> None:
    clock = Clock()
    assert settle(clock, 0, 5000).wait(lambda: clock.t) == 0
    assert Settle.from_milliseconds(2000, 500).longest == 2.0
