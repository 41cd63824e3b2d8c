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
from .models import IssueCode
from .settings import (
    DECODE_SAMPLE,
    MAX_CHARSET,
    MAX_DAMAGE,
    MIN_CJK_CHARACTERS,
    MIN_CJK_SCORE,
    MIN_SCORE_LEAD,
    MIN_TEXT_SHARE,
    MISMATCH_BYTES,
    MISMATCH_CHARACTERS,
    MISMATCH_SPAN,
    PLAUSIBLE_SPAN,
    SCORE_SPAN,
)
from .vocab import BINARY_MAGIC

__all__ = ["MAX_CHARSET", "Decoded", "check_charset", "decode", "normalize_charset"]

_DECLARED = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<meta>[a-zA-Z0-9_\-]{2,30})
    |<\?xml[^>]{0,100}?encoding\s*=\s*["'](?P<xml>[a-zA-Z0-9_\-]{2,30})""",
    regex.VERBOSE | regex.IGNORECASE,
)

#: The WHATWG Encoding Standard's labels (https://encoding.spec.whatwg.org/#names-and-labels)
#: → the Python codec that reads them. Only these are honoured, from a page or an argument:
#: a page cannot make the decoder use ``unicode_escape``, ``utf-7`` or ``punycode``. GB2312
#: and GBK are read as GB18030 and BIG5 as BIG5-HKSCS (supersets: no valid page is refused).
_WEB_ENCODINGS: dict[str, tuple[str, ...]] = {
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"),
    "gb18030": ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58",
                "x-gbk", "gb18030"),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "utf-16-le": ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"),
    "utf-16-be": ("unicodefffe", "utf-16be"),
    "cp1252": ("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
               "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
               "x-cp1252"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": ("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
               "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "iso8859-2": ("csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "l2", "latin2"),
    "iso8859-5": ("csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
                  "iso_8859-5"),
    "iso8859-15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8-u": ("koi8-ru", "koi8-u"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "shift_jis": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"),
    "euc_jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022_jp": ("csiso2022jp", "iso-2022-jp"),
    "euc_kr": ("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989",
               "ksc5601", "ksc_5601", "windows-949"),
    "mac_roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
}
_LABELS = {label: codec for codec, labels in _WEB_ENCODINGS.items() for label in labels}


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of some bytes and how it was read."""

    text: str
    encoding: str
    """The Python codec used."""
    method: str
    """``bom``, ``utf-8``, ``transport``, ``declared``, ``scored``, ``detected`` or ``lossy``."""
    problems: list[tuple[IssueCode, str]] = field(default_factory=list)
    """(code, message) for what was wrong with the bytes: ``charset-mismatch``,
    ``undecodable-bytes``, ``nul-removed``."""


def normalize_charset(name: str | None) -> str | None:
    """Map a charset label to the codec that reads it best, or None when it is not a
    web encoding label (WHATWG Encoding Standard).

    >>> normalize_charset("GB2312"), normalize_charset("big5"), normalize_charset("UTF8")
    ('gb18030', 'big5hkscs', 'utf-8')
    >>> normalize_charset("no-such-charset"), normalize_charset("unicode_escape"), normalize_charset("utf-7")
    (None, None, None)
    """
    if not name or len(name) > MAX_CHARSET:
        return None
    return _LABELS.get(name.strip().strip("\"'").lower())


def check_charset(name: object) -> str | None:
    """Validate a ``charset=`` argument: None, or a web encoding label.

    Raises TypeError for a non-string and ValueError for an unknown or over-long label.
    """
    if name is None:
        return None
    if not isinstance(name, str):
        raise TypeError(f"charset must be a str or None, not {type(name).__name__}")
    if len(name) > MAX_CHARSET:
        raise ValueError(f"charset label of {len(name)} characters is not a web encoding label")
    if normalize_charset(name) is None:
        raise ValueError(f"charset {name!r} is not a web encoding label (WHATWG Encoding Standard)")
    return name


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


#: The byte ranges of the common characters: GB2312 level 1 (lead bytes B0–D7), BIG5 frequent
#: (lead bytes A4–C6), each lead with every trail byte of its codec.
_GB2312_COMMON = bytes(b for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF) for b in (lead, trail))
_BIG5_COMMON = bytes(b for lead in range(0xA4, 0xC7) for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF))
                     for b in (lead, trail))


@functools.cache
def _common_table() -> dict[int, None]:
    """A translation table that deletes the common Chinese characters (GB2312 level 1, BIG5
    frequent), so that ``str.translate`` counts them in C; made on first use (about 1 ms)."""
    chars = _GB2312_COMMON.decode("gb2312", "ignore") + _BIG5_COMMON.decode("big5", "ignore")
    return dict.fromkeys(ord(c) for c in chars if "\u4e00" <= c <= "\u9fff")


def _common_count(chars: str) -> int:
    """How many of ``chars`` are common Chinese characters (counted in C)."""
    return len(chars) - len(chars.translate(_common_table()))


_CJK_RUN = re.compile("[\u4e00-\u9fff]+")


def _score(text: str, span: int = SCORE_SPAN) -> float:
    """Share of the CJK characters in a sample that are common ones."""
    sample = "".join(_CJK_RUN.findall(text, 0, span))
    if not sample:
        return 0.0
    return _common_count(sample) / len(sample)


def _sample_score(text: str) -> tuple[int, float]:
    """How many CJK characters a sample of the text holds (at most MISMATCH_CHARACTERS, found a
    run at a time: the first hundred characters are soon found, and the regex engine is slow
    to scan further), and the share of them that are common ones."""
    chars = ""
    for run in _CJK_RUN.finditer(text, 0, MISMATCH_SPAN):
        chars += run.group()
        if len(chars) >= MISMATCH_CHARACTERS:
            break
    chars = chars[:MISMATCH_CHARACTERS]
    if not chars:
        return 0, 0.0
    return len(chars), _common_count(chars) / len(chars)


def _prefix(data: bytes, codec: str) -> str | None:
    """The text of the first bytes in ``codec``, strictly (a character cut at the end is left out)."""
    try:
        return codecs.getincrementaldecoder(codec)().decode(data[:MISMATCH_BYTES], final=False)
    except UnicodeDecodeError:
        return None


def _text_like(text: str) -> bool:
    """A reading that looks like text: most of a sample is printable ASCII, whitespace, common
    CJK characters or CJK punctuation (a byte-order mark before random bytes gives none of these)."""
    sample = text[:PLAUSIBLE_SPAN]
    if not sample:
        return True
    good = sum(1 for c in sample if (" " <= c < "\x7f") or c in "\t\r\n" or "\u3000" <= c <= "\u303f"
               or "\uff00" <= c <= "\uffef" or ord(c) in _common_table())
    return good >= MIN_TEXT_SHARE * len(sample)


#: The single-byte codecs: they read any bytes without an error, so a clean reading proves nothing.
_SINGLE_BYTE = frozenset({"cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
                          "iso8859-2", "iso8859-5", "iso8859-15", "koi8-r", "koi8-u", "cp874", "mac_roman"})
_CJK = ("gb18030", "big5hkscs")


def _alternatives(data: bytes, wanted: str, reading: str) -> tuple[tuple[str, ...], float] | None:
    """The CJK codecs that may read the bytes instead of the declared one, and the score one
    must reach; None when the declared reading stands (ASCII, plain Chinese, another codec)."""
    if data.isascii():
        return None
    if wanted in _SINGLE_BYTE:
        return _CJK, 0.0
    if wanted not in _CJK:
        return None
    count, own = _sample_score(reading)
    if count >= MIN_CJK_CHARACTERS and own >= MIN_CJK_SCORE:
        return None  # plain Chinese as declared: the usual case, decided on a sample
    return tuple(c for c in _CJK if c != wanted), own + MIN_SCORE_LEAD


def _cjk_instead(data: bytes, wanted: str, reading: str) -> tuple[str, str] | None:
    """A CJK reading to use instead of the declared one, when the declared charset reads the
    bytes only as mojibake: a single-byte charset (ISO-8859-1, KOI8-R, windows-1251 … read any
    bytes) on bytes a CJK codec reads strictly as plain Chinese, or one CJK codec on the other's
    bytes (GB2312 declared on BIG5), whose reading is plainly better."""
    found = _alternatives(data, wanted, reading)
    if found is None:
        return None
    others, floor = found
    best: tuple[float, str] | None = None
    for codec in others:
        prefix = _prefix(data, codec)
        count, score = _sample_score(prefix) if prefix is not None else (0, 0.0)
        if count >= MIN_CJK_CHARACTERS and score >= max(floor, MIN_CJK_SCORE) and (best is None or score > best[0]):
            best = (score, codec)
    if best is None:
        return None
    text = _strict(data, best[1])  # the whole input must read cleanly too
    return (best[1], text) if text is not None and _undamaged(data, text, best[1]) else None


# the standard library's engine: three times faster than ``regex`` on this one character class
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _damage(text: str) -> int:
    """How many characters are U+FFFD or control characters other than whitespace: 0 at once
    for clean text (a search copies nothing), else counted in C (random input has millions)."""
    if _CONTROL.search(text) is None:
        return 0
    return _CONTROL.subn("", text)[1]


#: Codecs in which a control character is read from a control byte only (no multi-byte
#: sequence reads as one): their readings are checked for controls on the bytes.
_CONTROLS_FROM_BYTES = frozenset({"utf-8", "gb18030", "big5hkscs"})
#: The bytes of the control characters ``_CONTROL`` counts (all but tab, LF, FF and CR).
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20)])


def _undamaged(data: bytes, text: str, codec: str) -> bool:
    """Whether ``text``, the strict reading of ``data`` in ``codec``, has no damage (as
    :func:`_damage` counts it). For the usual codecs the bytes are checked, five times faster
    than the characters: ``bytes.translate`` drops the control bytes in C, and U+FFFD is
    looked for with ``in``."""
    if codec not in _CONTROLS_FROM_BYTES:
        return _damage(text) == 0
    return "\ufffd" not in text and len(data.translate(None, _CONTROL_BYTES)) == len(data)


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
    codec = _legacy_codec(b"\n".join(legacy), declared)
    if codec is None:
        return None
    text = "\n".join(
        line.decode("utf-8") if k else line.decode(codec if k is False else "ascii")
        for line, k in zip(lines, kinds, strict=True)
    )
    return text, codec, (utf8, len(legacy))


def _legacy_codec(blob: bytes, declared: list[str | None]) -> str | None:
    """The first of the declared and the CJK codecs that reads ``blob`` strictly."""
    for codec in dict.fromkeys(c for c in (*declared, "gb18030", "big5hkscs") if c and c != "utf-8"):
        if _strict(blob, codec) is not None:
            return codec
    return None


def _refuse(data: bytes, codec: str, ratio: float) -> NoReturn:
    offset = _first_error(data, codec)
    where = f", the first bad byte at offset {offset}" if offset is not None else ""
    raise DecodeError(
        f"bytes are not text in any plausible encoding: {ratio:.0%} of the characters are undecodable "
        f"or control characters as {codec}{where}",
        offset=offset,
    )


def without_nul(text: str) -> tuple[str, int]:
    r"""``text`` without NUL characters (no field may hold one), and how many were removed.

    >>> without_nul("a\x00b")
    ('ab', 1)
    """
    if "\x00" not in text:
        return text, 0
    clean = text.replace("\x00", "")
    return clean, len(text) - len(clean)


def _finish(text: str, codec: str, method: str, problems: list[tuple[IssueCode, str]]) -> Decoded:
    if text.startswith("\ufeff"):
        text = text[1:]
    text, removed = without_nul(text)
    if removed:
        problems.append(("nul-removed", f"{removed} NUL characters removed"))
    return Decoded(text, codec, method, problems)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

Problems = list[tuple[IssueCode, str]]


def decode(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode page bytes; ``declared`` is the transport (HTTP) charset, if known.

    The readings are tried in order: a byte-order mark, strict UTF-8, UTF-8 and legacy
    lines mixed, the declared charsets (verified), the CJK codecs scored, then a
    detector and the least damaged lossy reading.

    Raises :class:`NotAnArticleError` for binary formats and :class:`DecodeError`
    for bytes that no candidate reads as text.
    """
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise NotAnArticleError(f"input is {what}, not a page")
    problems: Problems = []
    by_bom, data = _by_bom(data, problems)
    if by_bom is not None:
        return by_bom
    found = _DECLARED.search(data[:4096])
    doc_declared = (found.group("meta") or found.group("xml") or b"").decode("ascii", "replace") if found else None
    for step in (_as_utf8, _as_mixed, _as_declared, _as_scored):
        decoded = step(data, declared, doc_declared, problems)
        if decoded is not None:
            return decoded
    return _as_detected(data, problems)


def _by_bom(data: bytes, problems: Problems) -> tuple[Decoded | None, bytes]:
    """The reading a byte-order mark gives, or None and the bytes without a mark that does not
    read them (a UTF-8 mark before GBK bytes, a UTF-16 mark before random bytes): the mark is
    no proof of text, and the rest of the order decides."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            read = data.decode(codec, errors="replace")
            damaged = _damage(read)  # the same damage check as any input
            if damaged / max(len(read), 1) > MAX_DAMAGE or not _text_like(read.lstrip("\ufeff")):
                name = codec.removesuffix("-sig").upper()
                problems.append(("charset-mismatch", f"a {name} byte-order mark on bytes that are not {name}; "
                                                     "the mark was ignored"))
                return None, data[len(bom) :]
            found: Problems = []
            if "\ufffd" in read:
                found.append(("undecodable-bytes", f"{read.count(chr(0xFFFD))} bytes replaced by U+FFFD"))
            return _finish(read, codec.removesuffix("-sig"), "bom", found), data
    return None, data


def _as_utf8(data: bytes, declared: str | None, doc_declared: str | None, problems: Problems) -> Decoded | None:
    """Strict UTF-8 (pure ASCII lands here too), whatever the page declares."""
    utf8 = _strict(data, "utf-8")
    if utf8 is None:
        return None
    declared_codec = normalize_charset(declared) or normalize_charset(doc_declared)
    if declared_codec not in (None, "utf-8") and not data.isascii():
        problems.append(("charset-mismatch", f"page declares {doc_declared or declared} but its bytes are UTF-8"))
    return _finish(utf8, "utf-8", "utf-8", problems)


def _as_mixed(data: bytes, declared: str | None, doc_declared: str | None, problems: Problems) -> Decoded | None:
    """A file of UTF-8 lines and legacy-encoded lines (pages pasted together)."""
    mixed = _mixed(data, [normalize_charset(declared), normalize_charset(doc_declared)])
    if mixed is None:
        return None
    text, codec, counts = mixed
    problems.append(("mixed-encodings", f"{counts[0]} lines are UTF-8 and {counts[1]} lines {codec}; "
                                        "each line was read in its own encoding"))
    return _finish(text, codec, "mixed", problems)


def _as_declared(data: bytes, declared: str | None, doc_declared: str | None, problems: Problems) -> Decoded | None:
    """The transport's charset, then the document's, each only if it reads the bytes cleanly."""
    for name, method in ((declared, "transport"), (doc_declared, "declared")):
        wanted = normalize_charset(name)
        if wanted is not None and wanted != "utf-8":
            attempt = _strict(data, wanted)
            if attempt is not None and _undamaged(data, attempt, wanted):
                instead = _cjk_instead(data, wanted, attempt)
                if instead is not None:
                    problems.append(("charset-mismatch", f"declared charset {name!r} reads these bytes only as "
                                                         f"mojibake; read as {instead[0]}"))
                    return _finish(instead[1], instead[0], "scored", problems)
                return _finish(attempt, wanted, method, problems)
        if name:
            problems.append(("charset-mismatch", f"declared charset {name!r} does not read these bytes"))
    return None


def _as_scored(data: bytes, declared: str | None, doc_declared: str | None, problems: Problems) -> Decoded | None:
    """Undeclared CJK: GB18030 or Big5-HKSCS, whichever reads the bytes strictly (both: the better scored)."""
    candidates = [(c, t) for c in ("gb18030", "big5hkscs") if (t := _strict(data, c)) is not None]
    if not candidates:
        return None
    codec, text = max(candidates, key=lambda ct: _score(ct[1])) if len(candidates) == 2 else candidates[0]
    return _finish(text, codec, "scored", problems) if _undamaged(data, text, codec) else None


def _least_damaged(data: bytes, tried: list[str]) -> tuple[float, str]:
    """The codec whose lossy reading of a sample has the fewest damaged characters (ratio, codec)."""
    sample = data[:DECODE_SAMPLE]  # candidates are compared on a sample; only the chosen one reads the whole input
    best: tuple[float, str] | None = None
    for codec in dict.fromkeys(tried):
        lossy = sample.decode(codec, errors="replace")
        ratio = _damage(lossy) / max(len(lossy), 1)
        if best is None or ratio < best[0]:
            best = (ratio, codec)
    assert best is not None
    return best


def _as_detected(data: bytes, problems: Problems) -> Decoded:
    """A detector's guess, then the least damaged lossy reading; refused when even that is
    more than MAX_DAMAGE damaged."""
    # bs4's detector (it asks charset-normalizer or chardet when one is installed);
    # detection only: UnicodeDammit's conversion would log warnings on every bad byte
    from bs4.dammit import EncodingDetector

    detector = EncodingDetector(data[:65536])
    for _ in detector.encodings:  # walking the candidates runs the detector once
        pass
    detected = normalize_charset(detector.chardet_encoding)
    ratio, codec = _least_damaged(data, [c for c in (detected, "utf-8", "gb18030", "big5hkscs") if c])
    if ratio > MAX_DAMAGE:
        _refuse(data, codec, ratio)
    text = data.decode(codec, errors="replace")
    damage = _damage(text)
    if damage / max(len(text), 1) > MAX_DAMAGE:
        _refuse(data, codec, damage / len(text))
    if damage:
        offset = _first_error(data, codec)
        where = f", first at byte offset {offset}" if offset is not None else ""
        problems.append(("undecodable-bytes", f"{damage} undecodable bytes replaced by U+FFFD as {codec}{where}"))
    return _finish(text, codec, "detected" if codec == detected else "lossy", problems)
