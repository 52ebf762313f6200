"""Problems a planner can act on: one line, ``path:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in a roadmap file.

    ``line`` and ``col`` are 1-based, like every editor and compiler; 0 means
    "the whole file" (for example when the file cannot be read at all).
    """

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }


class RoadmapError(Exception):
    """Base class of every error the core raises on purpose."""


class DateError(RoadmapError, ValueError):
    """A date text that is not one of the accepted forms, or names no real day.

    ``hint`` says what the planner probably meant (e.g. "2020 is 令和2年").
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


class UpdateError(RoadmapError):
    """A requested change (status, progress, KPI value) that cannot be applied.

    Nothing has been written when this is raised.
    """


class ConflictError(UpdateError):
    """The file changed on disk since it was loaded; the change was not written."""
