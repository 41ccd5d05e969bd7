"""The one error every matcher parser and the RE2 translator raise."""

from __future__ import annotations


class MatcherError(ValueError):
    """A matcher (or its regular expression) could not be parsed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
