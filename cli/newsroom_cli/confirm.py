"""Asking the editor before doing what cannot be undone, or what they may not have meant.

`--yes` answers for them. Without it, a run that cannot ask (no terminal: a script,
a pipe, CI) refuses and says why and how to go on, rather than guessing.
"""

from __future__ import annotations

import sys

from newsroom_cli.errors import CommandError
from newsroom_cli.messages import say

YES_WORDS = {"y", "yes", "c", "có", "co"}


def confirm(question: str, *, yes: bool, refusal: str) -> None:
    """Go on if `yes` or the editor answers yes; a CommandError otherwise (`refusal` when
    there is nobody to ask)."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise CommandError(refusal + " " + say("confirm.add_yes"))
    print(f"{question} {say('confirm.choices')} ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    if answer.strip().lower() not in YES_WORDS:
        raise CommandError(say("confirm.not_done"))
