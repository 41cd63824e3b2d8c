"""What every field extractor returns: the value, where it came from, what went wrong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from .models import Issue, IssueCode

__all__ = ["Found", "issue"]

T = TypeVar("T")


def issue(field: str, code: IssueCode, message: str) -> Issue:
    """One problem with one field (``code`` is one of :data:`qizhi_parser.models.ISSUE_CODES`)."""
    return Issue(field=field, code=code, message=message)


@dataclass(slots=True)  # not frozen: a frozen dataclass costs three times as much to build; treat it as read-only
class Found(Generic[T]):
    """One field as an extractor read it (read-only by convention).

    >>> Found(["标题"], raw="标题", rule="html:h1", block=3).value
    ['标题']
    """

    value: T
    """The field's value (None or empty when the page does not give it)."""
    raw: str | None = None
    """The text it was read from, as printed."""
    rule: str | None = None
    """Which rule found it (``html:h1``, ``text:time-source-line``, ``meta:source`` …): the
    field's ``provenance`` entry; None records none."""
    block: int | None = None
    """The index of the block it was read from, if one."""
    issues: tuple[Issue, ...] = ()
    """Problems met reading it, in the order met."""
    dropped_links: tuple[str, ...] = ()
    """Why each link the field would have held was dropped (``unsafe-url``)."""
