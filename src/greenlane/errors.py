"""One exception base. Subclasses carry what the CLI and the API edge need to answer clearly."""

from __future__ import annotations


class GreenlaneError(Exception):
    """Base of every error greenlane raises on purpose.

    ``where`` names the place (a file and line, a JSON pointer, a segment) and ``expected`` what
    should have been there, so an edge can print a clear message instead of a traceback.
    """

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, where: str | None = None, expected: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.expected = expected

    def __str__(self) -> str:
        parts = [self.message]
        if self.where:
            parts.append(f"at {self.where}")
        if self.expected:
            parts.append(f"expected {self.expected}")
        return "; ".join(parts)


class ConfigurationError(GreenlaneError):
    exit_code = 2
    http_status = 500


class InputError(GreenlaneError):
    """A request that cannot be answered as asked (an empty description, a count below one)."""

    exit_code = 2
    http_status = 400


class NotFoundError(GreenlaneError):
    exit_code = 3
    http_status = 404


class StorageError(GreenlaneError):
    http_status = 503


class ParseError(GreenlaneError):
    """A message that cannot be read; it is quarantined, never half-stored."""

    http_status = 422
