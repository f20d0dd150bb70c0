"""Errors the command line reports as one clear line, without a traceback."""


class CommandError(Exception):
    """Something the user can fix: printed as `newsroom: <message>`, exit code 1 (or `code`)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code
