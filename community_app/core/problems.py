"""Structured validation problems: a stable machine code the UI can translate or group by,
plus a Simplified Chinese message that says what is wrong and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str  # stable machine code, e.g. "id.checksum", "phone.invalid", "required"
    message: str  # Simplified Chinese: what is wrong and what to do
    field: str | None = None  # "id_number", "phone", "name", …
    severity: str = ERROR  # "error" | "warning"
    # values the message was built from (e.g. ("expected", "X")), for a UI that words its own text
    params: tuple[tuple[str, str], ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def param(self, name: str) -> str | None:
        return dict(self.params).get(name)


def error(code: str, message: str, field: str | None = None, /, **params: object) -> Problem:
    return Problem(code, message, field, ERROR, tuple((k, str(v)) for k, v in params.items()))


def warning(code: str, message: str, field: str | None = None, /, **params: object) -> Problem:
    return Problem(code, message, field, WARNING, tuple((k, str(v)) for k, v in params.items()))


class ValidationFailed(Exception):  # noqa: N818 — the name other modules code against
    """Input refused; .problems says why (str() joins the messages for a simple message box)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.message for p in self.problems))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)
