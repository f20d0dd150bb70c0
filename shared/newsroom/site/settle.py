"""How long a render of the shared files waits for a burst of publishes to settle.

Renders of the shared files run one at a time, each taking every file marked stale
before it began. In a burst, the article renders keep marking for as long as the burst
lasts; a render that began at once would take what the first few marked, and the next
ones the rest, a handful of files at a time: each shared file written many times over.
So a render first waits until no publish has marked anything for `quiet` seconds, but
never longer than `longest` seconds in all: a single publish's listings wait `quiet`
more, a burst is rendered in a few large renders rather than many small ones, and no
change waits longer than `longest` plus the render before it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple


class Settle(NamedTuple):
    """Wait for `quiet` seconds without a marking, at most `longest` seconds in all."""

    quiet: float = 0.0
    longest: float = 0.0
    now: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep

    @classmethod
    def from_milliseconds(cls, quiet: int, longest: int) -> Settle:
        return cls(quiet=quiet / 1000, longest=max(quiet, longest) / 1000)

    def wait(self, last_marked: Callable[[], float]) -> float:
        """Wait while the last marking (epoch seconds, read afresh each time) is more
        recent than `quiet`, up to `longest`; how long it waited, in seconds."""
        if self.quiet <= 0:
            return 0.0
        start = self.now()
        while True:
            current = self.now()
            due = min(last_marked() + self.quiet, start + self.longest)
            if due <= current:
                return current - start
            self.sleep(due - current)
