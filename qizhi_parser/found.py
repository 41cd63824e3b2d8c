"""What every field extractor returns: the value, where it came from, what went wrong."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .errors import QizhiParserError
from .models import Issue, IssueCode

__all__ = ["Found", "guarded", "issue"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def issue(field: str, code: IssueCode, message: str) -> Issue:
    """One problem with one field (``code`` is one of :data:`qizhi_parser.models.ISSUE_CODES`)."""
    return Issue(field=field, code=code, message=message)


def guarded(field_name: str, default: T, step: Callable[..., T], *args: Any) -> tuple[T, Issue | None]:
    """Run one step of one field (a locator or an extractor). When it fails on a value, the
    field gets ``default`` and an ``extract-failed`` issue, and the rest of the article is
    kept (``strict=True`` then raises). Errors of the library itself and exhausted
    resources still propagate."""
    try:
        return step(*args), None
    except (QizhiParserError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # one bad value costs that field, never the article
        log.debug("field %s failed", field_name, exc_info=True)
        message = f"{field_name} could not be read ({type(exc).__name__}: {exc})"[:300]
        return default, issue(field_name, "extract-failed", message)


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
