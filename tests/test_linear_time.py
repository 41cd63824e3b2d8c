"""Every compiled pattern of the package runs in time linear in its input.

The patterns are found by walking the package's modules, so a pattern added later is
driven too. Each is pumped with strings built from its own literal characters and the
whitespace pages are full of (``prefix + unit * n + suffix``), at two sizes eight times
apart, in the mode the code calls it (``match`` for the patterns only ever matched at
the start of a line; ``search``, which also covers ``finditer``, ``sub`` and ``split``,
for the rest). Linear time grows 8×; backtracking that is quadratic grows 64×.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
import regex

import qizhi_parser
import qizhi_parser.fields
import qizhi_parser.layout
import qizhi_parser.text

#: Slow: run by default, left out with ``pytest -m 'not slow'`` (the rule tests then take seconds).
pytestmark = pytest.mark.slow

#: Patterns the code only ever calls with ``.match``.
MATCH_ONLY = frozenset({
    "_CONTENT_ID", "_HAN_NAME", "_LATIN_NAME", "_SINGLE_HAN", "_WRAPPED", "_ADDRESS", "_DECLARATION", "_LIST_BULLET",
    "ANY_URL_HOST", "ARTICLE_URL", "BULLET_BYLINE", "CHROME", "CRUMB_LINE", "CRUMB_PREFIX", "CRUMB_TEXT_END",
    "DATELINE_CREDIT", "DATELINE_TITLE", "EDITION", "END_MARK", "ORIGINAL_HEADLINE", "PAGER", "PHOTO_CREDIT",
    "PROMO_LEAD", "SOURCE_META", "STOP", "WIDGET",
})
SMALL, LARGE = 400, 3200
#: Growth from SMALL to LARGE above which a pattern is superlinear (linear: 8, quadratic: 64).
MAX_GROWTH = 24
#: Already this slow on the small input: superlinear beyond doubt (and the large one could take minutes).
SLOW_SMALL = 0.05
#: Below this the timing is noise, whatever the ratio.
MIN_SECONDS = 0.004

_BASE_UNITS = (" ", "\u3000", "\xa0", "1", "a", "王", "<", ">", "：", "\n")
_SUFFIXES = ("", "!", "\n")


def _modules() -> Iterator[Any]:
    for package in (qizhi_parser, qizhi_parser.fields, qizhi_parser.layout, qizhi_parser.text):
        yield package
        for info in pkgutil.iter_modules(package.__path__):
            if info.name != "__main__":
                yield importlib.import_module(f"{package.__name__}.{info.name}")


def _patterns() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for module in _modules():
        for name, value in vars(module).items():
            if isinstance(value, (re.Pattern, regex.Pattern)) and all(value is not v for v in found.values()):
                found[name] = value
    return found


PATTERNS = _patterns()


def _literals(pattern: Any) -> tuple[list[str], list[str]]:
    """Units and prefixes from the pattern's own text: its non-ASCII characters and
    the runs of them (labels such as 来源, 当前位置), and the ASCII punctuation it names."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    chars = [c for c in dict.fromkeys(source) if ord(c) > 0x7F or c in "《》()（）【】[]|｜:=\"'&;#%_-/."]
    runs = list(dict.fromkeys(re.findall(r"[^\x00-\x7f]{2,6}", source)))[:3]
    return chars[:12], ["", *runs, *[c for c in chars if ord(c) > 0x7F or c in "《([（【"][:6]]


def _elapsed(call: Any, text: Any, rounds: int = 1) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        call(text)
        best = min(best, time.perf_counter() - start)
    return best


def _call(name: str, pattern: Any) -> Any:
    if name in MATCH_ONLY:
        return pattern.match

    def search_all(text: Any) -> None:
        for _ in pattern.finditer(text):
            pass

    return search_all


def test_every_pattern_is_found() -> None:
    assert {"EDITION", "DATETIME", "SOURCE", "CREDIT_LABEL", "WIDGET", "HTML_TAG", "UNSAFE"} <= set(PATTERNS)
    assert set(PATTERNS) >= MATCH_ONLY, MATCH_ONLY - set(PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear(name: str) -> None:
    pattern = PATTERNS[name]
    call = _call(name, pattern)
    units, prefixes = _literals(pattern)
    binary = not isinstance(pattern.pattern, str)
    worst = (0.0, "")
    for prefix in prefixes:
        for unit in (*_BASE_UNITS, *units):
            for suffix in _SUFFIXES:
                def text(n: int, prefix: str = prefix, unit: str = unit, suffix: str = suffix) -> Any:
                    value = prefix + unit * n + suffix
                    return value.encode("utf-8") if binary else value

                small = _elapsed(call, text(SMALL))
                assert small < SLOW_SMALL, f"{name} takes {small:.2f}s on {SMALL} characters of {unit!r}"
                large = _elapsed(call, text(LARGE))
                if large > MIN_SECONDS and large / max(small, 1e-7) > MAX_GROWTH:
                    again = _elapsed(call, text(LARGE), 3) / max(_elapsed(call, text(SMALL), 3), 1e-7)
                    if again > MAX_GROWTH and again > worst[0]:
                        worst = (again, f"{prefix!r} + {unit!r} * n + {suffix!r}")
    assert worst[0] == 0.0, f"{name} grows {worst[0]:.0f}x from n={SMALL} to n={LARGE} on {worst[1]}"
