"""Bytes → text. The only module that looks at raw bytes.

Order (the decoding cases of ``tests/test_robustness.py`` and the encoding fixtures test it):

1. binary formats (PNG, PDF, gzip …) are refused with :class:`NotAnArticleError`;
2. a byte-order mark (UTF-8, UTF-16, UTF-32);
3. strict UTF-8: pages saved by browsers are UTF-8 whatever their meta says, and a
   GBK or BIG5 page of any length is practically never valid UTF-8;
4. a file of UTF-8 lines and legacy-encoded lines (pages pasted together), each line
   read in its own encoding (issue ``mixed-encodings``);
5. the transport declaration (HTTP ``Content-Type`` charset), then the document's
   own (``<meta charset>``, ``http-equiv``, XML declaration), each verified by a
   strict decode rather than trusted; ``gb2312``/``gbk`` are read as ``gb18030``
   and ``big5`` as ``big5hkscs`` (supersets, so no valid page is refused);
6. undeclared CJK: ``gb18030`` and ``big5hkscs`` strictly, scored by how much of the
   result is common Chinese, since BIG5 bytes also decode (as nonsense) as GBK;
7. last resort: bs4's detector (charset-normalizer or chardet, when installed), then the candidate with the
   fewest undecodable bytes, read with U+FFFD replacements and the damage recorded.

Decoding never raises for text-like bytes; :class:`DecodeError` is kept for input
that no candidate reads as text (too many replacements or control characters).
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass, field
from typing import NoReturn

import regex

from .errors import DecodeError, NotAnArticleError
from .vocab import BINARY_MAGIC

__all__ = ["Decoded", "decode", "normalize_charset"]

_DECLARED = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<meta>[a-zA-Z0-9_\-]{2,30})
    |<\?xml[^>]{0,100}?encoding\s*=\s*["'](?P<xml>[a-zA-Z0-9_\-]{2,30})""",
    regex.VERBOSE | regex.IGNORECASE,
)

_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-8",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

#: Share of replaced or control characters above which bytes are not text.
MAX_DAMAGE = 0.05
#: Bytes of the input on which lossy candidate readings are compared.
_SAMPLE = 256 * 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of some bytes and how it was read."""

    text: str
    encoding: str
    """The Python codec used."""
    method: str
    """``bom``, ``utf-8``, ``transport``, ``declared``, ``scored``, ``detected`` or ``lossy``."""
    declared: str | None = None
    """The charset the document declared, if any."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) for what was wrong with the bytes: ``charset-mismatch``,
    ``undecodable-bytes``, ``nul-removed``."""


def normalize_charset(name: str | None) -> str | None:
    """Map a declared charset to the codec that reads it best, or None if unknown.

    >>> normalize_charset("GB2312"), normalize_charset("big5"), normalize_charset("UTF8")
    ('gb18030', 'big5hkscs', 'utf-8')
    >>> normalize_charset("no-such-charset") is None
    True
    """
    if not name:
        return None
    key = name.strip().strip("\"'").lower()
    key = _ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _first_error(data: bytes, codec: str) -> int | None:
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        return exc.start
    except LookupError:
        return 0
    return None


@functools.lru_cache(maxsize=65536)
def _is_common(char: str) -> bool:
    """True for a Chinese character of the common sets (GB2312 level 1, BIG5 frequent)."""
    try:
        gb = char.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = char.encode("big5")
        return 0xA4 <= b5[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _score(text: str) -> float:
    """Share of the CJK characters in a sample that are common ones."""
    sample = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not sample:
        return 0.0
    return sum(map(_is_common, sample)) / len(sample)


# the standard library's engine: three times faster than ``regex`` on this one character class
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _damage(text: str) -> int:
    """How many characters are U+FFFD or control characters other than whitespace."""
    return _CONTROL.subn("", text)[1]  # counted in C: random input has millions


def _cjk_utf8(line: bytes) -> bool:
    """A line that is UTF-8 beyond doubt: strictly valid, with CJK-range characters only.

    Legacy two-byte pairs can be valid UTF-8 by chance (GBK 全 = C8 AB = "ȫ"), but
    then they decode to Latin or other scripts below U+2000, never to CJK.
    """
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(c < "\x80" or c >= "\u2000" for c in text)


def _mixed(data: bytes, declared: list[str | None]) -> tuple[str, str, tuple[int, int]] | None:
    """Read line by line when some lines are UTF-8 and the others one legacy codec."""
    lines = data.split(b"\n")
    kinds = [None if line.isascii() else _cjk_utf8(line) for line in lines]
    utf8 = sum(1 for k in kinds if k)
    legacy = [line for line, k in zip(lines, kinds, strict=True) if k is False]
    if not utf8 or not legacy:
        return None
    blob = b"\n".join(legacy)
    for codec in dict.fromkeys(c for c in (*declared, "gb18030", "big5hkscs") if c and c != "utf-8"):
        if _strict(blob, codec) is not None:
            text = "\n".join(
                line.decode("utf-8") if k else line.decode(codec if k is False else "ascii")
                for line, k in zip(lines, kinds, strict=True)
            )
            return text, codec, (utf8, len(legacy))
    return None


def _refuse(data: bytes, codec: str, ratio: float) -> NoReturn:
    offset = _first_error(data, codec)
    where = f", the first bad byte at offset {offset}" if offset is not None else ""
    raise DecodeError(
        f"bytes are not text in any plausible encoding: {ratio:.0%} of the characters are undecodable "
        f"or control characters as {codec}{where}",
        offset=offset,
    )


def _finish(
    text: str, codec: str, method: str, declared: str | None, problems: list[tuple[str, str]]
) -> Decoded:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        problems.append(("nul-removed", f"{text.count(chr(0))} NUL characters removed"))
        text = text.replace("\x00", "")
    return Decoded(text, codec, method, declared, problems)


def decode(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode page bytes; ``declared`` is the transport (HTTP) charset, if known.

    Raises :class:`NotAnArticleError` for binary formats and :class:`DecodeError`
    for bytes that no candidate reads as text.
    """
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise NotAnArticleError(f"input is {what}, not a page")
    # 1. byte-order marks
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            read = data.decode(codec, errors="replace")
            damaged = read.count("\ufffd")
            found_problems = [("undecodable-bytes", f"{damaged} bytes replaced by U+FFFD")] if damaged else []
            return _finish(read, codec.removesuffix("-sig"), "bom", None, found_problems)

    head = data[:4096]
    found = _DECLARED.search(head)
    doc_declared = None
    if found:
        doc_declared = (found.group("meta") or found.group("xml") or b"").decode("ascii", "replace")
    problems: list[tuple[str, str]] = []

    # 2. strict UTF-8 (pure ASCII also lands here)
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        declared_codec = normalize_charset(declared) or normalize_charset(doc_declared)
        if declared_codec not in (None, "utf-8") and not data.isascii():
            problems.append(("charset-mismatch", f"page declares {doc_declared or declared} but its bytes are UTF-8"))
        return _finish(utf8, "utf-8", "utf-8", doc_declared, problems)

    # 2b. a file of UTF-8 lines and legacy-encoded lines (pages pasted together)
    mixed = _mixed(data, [normalize_charset(declared), normalize_charset(doc_declared)])
    if mixed is not None:
        text, codec, counts = mixed
        problems.append(("mixed-encodings", f"{counts[0]} lines are UTF-8 and {counts[1]} lines {codec}; "
                                            "each line was read in its own encoding"))
        return _finish(text, codec, "mixed", doc_declared, problems)

    # 3. declarations, verified
    for name, method in ((declared, "transport"), (doc_declared, "declared")):
        wanted = normalize_charset(name)
        if wanted is None or wanted == "utf-8":
            if name:
                problems.append(("charset-mismatch", f"declared charset {name!r} does not read these bytes"))
            continue
        attempt = _strict(data, wanted)
        if attempt is not None and _damage(attempt) == 0:
            return _finish(attempt, wanted, method, doc_declared, problems)
        problems.append(("charset-mismatch", f"declared charset {name!r} does not read these bytes"))

    # 4. undeclared CJK, scored
    candidates = [(c, t) for c in ("gb18030", "big5hkscs") if (t := _strict(data, c)) is not None]
    if len(candidates) == 1 and _damage(candidates[0][1]) == 0:
        codec, text = candidates[0]
        return _finish(text, codec, "scored", doc_declared, problems)
    if len(candidates) == 2:
        codec, text = max(candidates, key=lambda ct: _score(ct[1]))
        if _damage(text) == 0:
            return _finish(text, codec, "scored", doc_declared, problems)

    # 5. a detector, then the least damaged lossy reading
    # bs4's detector (it asks charset-normalizer or chardet when one is installed);
    # detection only: UnicodeDammit's conversion would log warnings on every bad byte
    from bs4.dammit import EncodingDetector

    detector = EncodingDetector(data[:65536])
    for _ in detector.encodings:  # walking the candidates runs the detector once
        pass
    detected = normalize_charset(detector.chardet_encoding)
    tried = [c for c in (detected, "utf-8", "gb18030", "big5hkscs") if c]
    # candidates are compared on a sample; only the chosen one reads the whole input
    sample = data[:_SAMPLE]
    best: tuple[float, str] | None = None
    for codec in dict.fromkeys(tried):
        lossy = sample.decode(codec, errors="replace")
        ratio = _damage(lossy) / max(len(lossy), 1)
        if best is None or ratio < best[0]:
            best = (ratio, codec)
    assert best is not None
    ratio, codec = best
    if ratio > MAX_DAMAGE:
        _refuse(data, codec, ratio)
    text = data.decode(codec, errors="replace")
    damage = _damage(text)
    if damage / max(len(text), 1) > MAX_DAMAGE:
        _refuse(data, codec, damage / len(text))
    offset = _first_error(data, codec)
    method = "detected" if codec == detected else "lossy"
    if damage:
        where = f", first at byte offset {offset}" if offset is not None else ""
        problems.append(("undecodable-bytes", f"{damage} undecodable bytes replaced by U+FFFD as {codec}{where}"))
    return _finish(text, codec, method, doc_declared, problems)
