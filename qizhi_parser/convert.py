"""Simplified ⇄ traditional script of a parsed Article. The only module that uses OpenCC.

OpenCC converts with phrase tables before character tables, so words whose
characters split differently survive the round trip (``乾隆`` stays ``乾隆`` while
``幹部`` becomes ``干部``). It is an optional dependency: ``pip install
'qizhi-parser[opencc]'``; without it :func:`convert_article` raises
:class:`~qizhi_parser.errors.MissingExtraError` naming the extra.

Every human-text field is converted: headline and its lines, pre-title, subtitle,
original headline, source name, breadcrumb texts, section headings, paragraphs and
their lead-ins, credit labels, names and interns, dateline, edition paper, image
captions and alt texts. URLs, ids, ``published_raw`` (the time as printed, kept as
evidence) and issue messages are not. Roles do not change (``編輯`` → ``编辑`` stays
``editor``). ``Article.script`` says the script the record is now in,
``Article.printed_script`` the one the page was printed in, and
``provenance["script"]`` the conversion (``opencc:t2s`` or ``opencc:s2t+TWVariants``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any, Literal

from .errors import MissingExtraError
from .models import Article

__all__ = ["SCRIPTS", "Script", "check_script", "convert_article", "convert_text", "script_value"]

Script = Literal["Hans", "Hant"]
#: The scripts an Article can be converted to: simplified and traditional Chinese.
SCRIPTS: tuple[Script, ...] = ("Hans", "Hant")

#: OpenCC configuration for each target script: traditional → simplified, and
#: simplified → traditional in the character forms BIG5 pages print (為, 群眾, 裡: OpenCC's
#: plain ``s2t`` writes 爲, 羣衆, 裏, which BIG5 cannot encode and the People's Daily
#: traditional mirrors never print, so its Taiwan variants are applied after it).
_CONFIGS: dict[Script, str] = {"Hans": "t2s", "Hant": "s2t"}
#: What provenance["script"] records for each target.
_PROVENANCE: dict[Script, str] = {"Hans": "opencc:t2s", "Hant": "opencc:s2t+TWVariants"}
_LOCAL = threading.local()
#: Joins the strings of one Article for a single OpenCC call; never in a field.
_SEPARATOR = "\n"


#: Code points whose Taiwan-standard variant OpenCC's ``t2tw`` table is read for (CJK, its
#: extension A and the compatibility ideographs).
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def _tw_variants(opencc: Any) -> dict[int, str]:
    """OpenCC's character-level Taiwan variants (爲→為, 羣→群, 裏→裡) as a translation table,
    read once from its own ``t2tw`` configuration (about 40 ms)."""
    t2tw = opencc.OpenCC("t2tw").convert
    table: dict[int, str] = {}
    for start, stop in _CJK_RANGES:
        for code in range(start, stop):
            variant = t2tw(chr(code))
            if variant != chr(code):
                table[code] = variant
    return table


def _with_variants(base: Callable[[str], str], variants: dict[int, str]) -> Callable[[str], str]:
    """``base``, then the variants applied by one pattern over their few hundred characters:
    ``str.translate`` looks every character of the text up (146 µs on a 2,000-character
    article), the pattern visits only those it names (8 µs), for the same text."""
    pattern = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(variants)) + "]")
    by_char = {chr(code): variant for code, variant in variants.items()}

    def convert(text: str) -> str:
        converted = base(text)
        return pattern.sub(lambda match: by_char[match.group()], converted) if pattern.search(converted) else converted

    return convert


def _converter(script: Script) -> Callable[[str], str]:
    """This thread's converter for ``script`` (OpenCC objects are not shared).

    Traditional is OpenCC's ``s2t`` (phrase tables) followed by its Taiwan variants as a
    character table: the same text as ``s2tw`` on every page of the corpus, in half the
    time (``s2tw`` runs a second phrase pass for a handful of phrase variants)."""
    cache: dict[Script, Callable[[str], str]] | None = getattr(_LOCAL, "converters", None)
    if cache is None:
        cache = _LOCAL.converters = {}
    if script not in cache:
        try:
            import opencc  # optional dependency, imported on first use
        except ImportError as exc:
            raise MissingExtraError("opencc", "converting between simplified and traditional script") from exc
        base = opencc.OpenCC(_CONFIGS[script]).convert
        if script == "Hant":
            cache[script] = _with_variants(base, _tw_variants(opencc))
        else:
            cache[script] = base
    return cache[script]


def script_value(script: object) -> Script:
    """``script`` as a Script (``Hans`` or ``Hant``, in any case), or ValueError for anything else.

    >>> script_value("hans"), script_value("Hant")
    ('Hans', 'Hant')
    """
    if isinstance(script, str):
        if script.lower() == "hans":
            return "Hans"
        if script.lower() == "hant":
            return "Hant"
    raise ValueError(f"script must be 'Hans' (simplified) or 'Hant' (traditional), not {script!r}")


def check_script(script: object) -> Script | None:
    """Validate a ``script=`` argument before a batch starts: None passes; ``Hans`` or
    ``Hant`` (any case) needs OpenCC. Raises ValueError for another value and
    :class:`MissingExtraError` when OpenCC is not installed, so a run fails at once
    rather than on every input.

    >>> check_script(None), check_script("hans")  # doctest: +SKIP
    (None, 'Hans')
    """
    if script is None:
        return None
    target = script_value(script)
    _converter(target)
    return target


def convert_text(text: str, script: Script) -> str:
    """One string in the given script.

    >>> convert_text("黨委(黨組)之聲", "Hans"), convert_text("旗帜网编辑", "Hant")  # doctest: +SKIP
    ('党委(党组)之声', '旗幟網編輯')
    """
    return _converter(script_value(script))(text)


def _convert_all(texts: list[str], convert: Callable[[str], str]) -> list[str]:
    """Convert many strings with one OpenCC call where they can be joined safely."""
    if not texts:
        return []
    if not any(_SEPARATOR in t for t in texts):
        converted = convert(_SEPARATOR.join(texts)).split(_SEPARATOR)
        if len(converted) == len(texts):
            return converted
    return [convert(t) for t in texts]


class _Collector:
    """Gathers the text fields of a dumped Article, then writes converted values back."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.slots: list[tuple[Any, Any]] = []

    def take(self, container: Any, key: Any) -> None:
        value = container[key]
        if isinstance(value, str) and value:
            self.texts.append(value)
            self.slots.append((container, key))

    def take_list(self, container: list[Any]) -> None:
        for i in range(len(container)):
            self.take(container, i)

    def write(self, converted: list[str]) -> None:
        for (container, key), value in zip(self.slots, converted, strict=True):
            container[key] = value


def _collect(data: dict[str, Any]) -> _Collector:
    found = _Collector()
    for key in ("headline", "pretitle", "subtitle", "original_headline", "dateline"):
        found.take(data, key)
    found.take_list(data["headline_lines"])
    if data["source"] is not None:
        found.take(data["source"], "name")
    if data["edition"] is not None:
        found.take(data["edition"], "paper")
    for crumb in data["breadcrumb"]:
        found.take(crumb, "text")
    for section in data["sections"]:
        found.take(section, "heading")
        for paragraph in section["paragraphs"]:
            found.take(paragraph, "text")
            found.take(paragraph, "lead")
    for credit in data["credits"]:
        found.take(credit, "label")
        found.take_list(credit["names"])
        found.take_list(credit["interns"])
    for image in data["images"]:
        found.take(image, "caption")
        found.take(image, "alt")
    return found


def convert_article(article: Article, script: Script) -> Article:
    """The Article with every human-text field in ``script`` (``Hans`` or ``Hant``).

    An Article already in that script, or with no Chinese text (``script`` None), is
    returned as it is (idempotent, no OpenCC call). Raises ValueError for another script name and MissingExtraError when
    OpenCC is not installed.
    """
    target = script_value(script)
    if article.script == target or article.script is None:  # already in it, or no Chinese text to convert
        return article
    convert = _converter(target)
    data = article.model_dump()
    found = _collect(data)
    found.write(_convert_all(found.texts, convert))
    data["script"] = target
    data["printed_script"] = article.printed_script or article.script
    data["provenance"] = {**data["provenance"], "script": _PROVENANCE[target]}
    return Article.model_validate(data)
