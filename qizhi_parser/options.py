"""The options of a parse as one record, checked once and handed to every stage.

htmldate builds one ``Extractor`` from its keyword arguments and hands it to every step;
this is the same: :func:`~qizhi_parser.parse` and its siblings, :func:`~qizhi_parser.batch.parse_many`,
the command line and the Dask and Spark recipes all build an :class:`Options` (or take one)
and pass it down. What is per input — its ``url`` and transport ``charset`` — is not an
option of the run and stays an argument.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from .convert import Script, check_script
from .settings import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from .templates import BUNDLED, TemplatesArgument, TemplateSet, template_set

__all__ = ["Options", "OptionsKeywords", "RunKeywords", "resolve"]


@dataclass(frozen=True, slots=True)
class Options:
    """How to parse: one record for every entry point (build it with :meth:`of`, which checks
    every value, or take the defaults with ``Options()``).

    >>> Options.of(strict=True, script="hans").script
    'Hans'
    """

    strict: bool = False
    """Raise :class:`~qizhi_parser.MissingFieldError` when headline, time, source or body is missing."""
    max_bytes: int | None = DEFAULT_MAX_BYTES
    """Refuse larger inputs (bytes, or characters for str; None: no limit)."""
    script: Script | None = None
    """Convert every text field to ``Hans`` or ``Hant`` (needs the ``opencc`` extra)."""
    templates: TemplateSet = field(default=BUNDLED, compare=False)
    """The templates pages are matched against: the bundled ones and a user's own."""
    timeout: float | None = DEFAULT_TIMEOUT
    """Seconds one input of a batch may take (None: no limit); a single ``parse`` ignores it."""

    @classmethod
    def of(
        cls,
        *,
        strict: bool = False,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        script: str | None = None,
        templates: TemplatesArgument = None,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> Options:
        """Options from keyword arguments, each checked: TypeError for a wrong type, ValueError
        for a wrong value, :class:`~qizhi_parser.MissingExtraError` for ``script`` without OpenCC,
        :class:`~qizhi_parser.templates.TemplateError` for a template file that is not valid."""
        if not isinstance(strict, bool):
            raise TypeError(f"strict must be a bool, not {type(strict).__name__}")
        if max_bytes is not None and (not isinstance(max_bytes, int) or isinstance(max_bytes, bool)):
            raise TypeError(f"max_bytes must be an int or None, not {type(max_bytes).__name__}")
        if max_bytes is not None and max_bytes < 0:
            raise ValueError(f"max_bytes must be 0 or more, not {max_bytes}")
        if timeout is not None:
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
                raise TypeError(f"timeout must be a number or None, not {type(timeout).__name__}")
            if timeout < 0 or timeout != timeout:
                raise ValueError(f"timeout must be 0 (no limit) or more, not {timeout}")
            timeout = float(timeout) or None
        return cls(strict, max_bytes, check_script(script), template_set(templates), timeout)

class OptionsKeywords(TypedDict, total=False):
    """The keyword options every entry point takes (see :class:`Options`)."""

    strict: bool
    max_bytes: int | None
    script: Script | str | None
    templates: TemplateSet | str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None


class RunKeywords(OptionsKeywords, total=False):
    """The keyword options of a batch: those of a parse, and the time one input may take."""

    timeout: float | None


#: The options of a call that gives none.
DEFAULTS = Options()


def resolve(options: Options | None, keywords: RunKeywords | OptionsKeywords, caller: str,
            batch: bool = False) -> Options:
    """The options of one call: ``options``, or the keyword options checked into one record
    (TypeError for an unknown keyword, or for both at once)."""
    if options is not None:
        if not isinstance(options, Options):
            raise TypeError(f"options must be an Options, not {type(options).__name__}")
        if keywords:
            raise TypeError(f"{caller}() takes options= or the keyword options ({', '.join(sorted(keywords))}), "
                            "not both")
        return options
    if not keywords:
        return DEFAULTS
    known = RunKeywords.__annotations__ if batch else OptionsKeywords.__annotations__
    unknown = set(keywords) - set(known)
    if unknown:
        raise TypeError(f"{caller}() got an unexpected keyword argument {sorted(unknown)[0]!r}")
    return Options.of(**keywords)
