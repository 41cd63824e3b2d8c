"""Templates: each layout of a site family as a record of data, bundled or the user's own.

A template names the regions of its pages by their marks — an element's class, or its id
after ``#`` — and is recognised by its ``signature``, marks that are all on every page of it.
The bundled templates are TOML files in ``qizhi_parser/sites/``; a user adds a site the same
way, from a TOML or JSON file (``parse(..., templates="my-sites.toml")``,
``qizhi-parse --templates my-sites.toml``), without editing the package::

    # my-sites.toml
    [[templates]]
    name = "example-2024"            # provenance["template"] names it
    family = "example"
    signature = ["art-info", "art-body"]
    [templates.marks]                # mark → zone (breadcrumb, title, pretitle, subtitle, info,
    "#crumbs" = "breadcrumb"         #   byline, body, credits, pagination, original_headline, chrome)
    art-info = "info"
    art-body = "body"
    art-editor = "credits"
    [templates.settings]             # optional: thresholds of the rules (settings.Rules)
    max_bold_heading = 80

    [generic_marks]                  # optional: marks that apply on every page
    share-bar = "chrome"

A user's templates are tried before the bundled ones, and one with a bundled template's
name replaces it. What a template does:

- it decides the **fast path**: on a page it matches, only the elements its marks (and the
  generic marks) name are walked, and the whole page only when they lack a required field;
- its **marks** name zones on the pages it matches; the generic marks on every page;
- its **settings** override the thresholds of the layout rules (:class:`~qizhi_parser.settings.Rules`)
  on the pages it matches.

A file that cannot be read or is not a valid template file raises :class:`TemplateError`
naming the file and what is wrong.
"""

from __future__ import annotations

import functools
import json
import os
import pathlib
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import QizhiParserError
from .settings import MAX_CACHED_MARK, MAX_TEMPLATE_FILE, RULES, Rules
from .vocab import Zone

__all__ = ["BUNDLED", "MarkTable", "Template", "TemplateError", "TemplateSet", "load_templates", "template_set"]

if sys.version_info >= (3, 11):  # pragma: no cover - the version CI runs
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class TemplateError(QizhiParserError):
    """A template file that cannot be read, or whose content is not a valid template record."""


@dataclass(frozen=True, slots=True)
class Template:
    """One layout of one site family: the marks of its regions and the settings of its rules."""

    name: str
    family: str
    marks: Mapping[str, Zone]
    """``#id`` or class → the zone it marks."""
    signature: frozenset[str]
    """Marks every page of the template has; a page matches when all are on it."""
    rules: Rules = RULES
    """The rule thresholds on the pages it matches (the defaults, with the record's settings)."""
    origin: str = "bundled"
    """The file the record came from."""


_NO_MARKS: frozenset[str] = frozenset()


class MarkTable:
    """Mark → zone lookups (``#id`` and class), with a cache: the walk asks once an element."""

    def __init__(self, tables: Iterable[Mapping[str, Zone]]) -> None:
        ids: dict[str, Zone] = {}
        classes: dict[str, Zone] = {}
        for marks in tables:  # the first table to name a mark wins
            for mark, zone in marks.items():
                (ids if mark.startswith("#") else classes).setdefault(mark.lstrip("#"), zone)
        self.id_zones = ids
        self.class_zones = classes
        # a template's few hundred class/id values recur on every page: at most 4096 × 2 × 200 characters
        self._cached = functools.lru_cache(maxsize=4096)(self._marked_uncached)

    def marked(self, ident: str | None, cls: str | None) -> tuple[Zone | None, frozenset[str]]:
        """The zone an element's id and class give, and its marks (classes and ``#id``)."""
        if (ident is not None and len(ident) > MAX_CACHED_MARK) or (cls is not None and len(cls) > MAX_CACHED_MARK):
            return self._marked_uncached(ident, cls)
        result: tuple[Zone | None, frozenset[str]] = self._cached(ident, cls)
        return result

    def zone_of(self, ident: str | None, cls: str | None) -> Zone | None:
        return self.marked(ident, cls)[0]

    def _marked_uncached(self, ident: str | None, cls: str | None) -> tuple[Zone | None, frozenset[str]]:
        return self._zone(ident, cls), _marks(ident, cls)

    def _zone(self, ident: str | None, cls: str | None) -> Zone | None:
        if ident and ident in self.id_zones:
            return self.id_zones[ident]
        if cls:
            for token in cls.split():
                zone = self.class_zones.get(token)
                if zone is not None:
                    return zone
        return None

    def seen_marks(self, ident: str | None, cls: str | None, seen: set[str]) -> None:
        """Add the marks of this table among an element's id and classes to ``seen``."""
        if ident and ident in self.id_zones:
            seen.add("#" + ident)
        if cls:
            seen.update(token for token in cls.split() if token in self.class_zones)

    def cache_size(self) -> int:
        """How many lookups the cache holds."""
        return int(self._cached.cache_info().currsize)


@dataclass(frozen=True, slots=True, eq=False)
class TemplateSet:
    """The templates a parse knows, most specific first, and the generic marks; with the
    lookup tables the tree walk uses: every mark (to see which template a page matches),
    and each template's own marks with the generic ones (the zones of the pages it matches)."""

    templates: tuple[Template, ...]
    generic: Mapping[str, Zone]
    every: MarkTable = field(init=False, repr=False)
    """Every template's marks and the generic marks: what a page is matched by."""
    _tables: dict[str | None, MarkTable] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "every", MarkTable([*(t.marks for t in self.templates), self.generic]))
        tables: dict[str | None, MarkTable] = {None: MarkTable([self.generic])}
        tables.update((t.name, MarkTable([t.marks, self.generic])) for t in self.templates)
        object.__setattr__(self, "_tables", tables)

    def __reduce__(self) -> tuple[type[TemplateSet], tuple[tuple[Template, ...], Mapping[str, Zone]]]:
        # the caches are no picklable state: a worker process rebuilds the tables and fresh caches
        return (type(self), (self.templates, dict(self.generic)))

    def match(self, marks: frozenset[str] | set[str]) -> Template | None:
        """The first template whose signature marks are all in ``marks``.

        >>> BUNDLED.match(frozenset({"col-1-1", "rm_txt_con", "edit"})).name, BUNDLED.match(frozenset({"edit"}))
        ('people-2024', None)
        """
        for template in self.templates:
            if template.signature <= marks:
                return template
        return None

    def table(self, template: Template | None) -> MarkTable:
        """The zones of a page that ``template`` matches (None: no template): its marks and the
        generic marks. A template's marks name zones on its own pages only."""
        return self._tables[template.name if template is not None else None]

    def cache_size(self) -> int:
        """How many lookups the caches hold."""
        return self.every.cache_size() + sum(t.cache_size() for t in self._tables.values())

    def with_templates(self, other: TemplateSet) -> TemplateSet:
        """``other``'s templates before these (one of the same name replaces it), and both sets of
        generic marks (``other``'s first)."""
        names = {t.name for t in other.templates}
        templates = (*other.templates, *(t for t in self.templates if t.name not in names))
        return TemplateSet(templates, {**self.generic, **other.generic})


def _marks(ident: str | None, cls: str | None) -> frozenset[str]:
    if not ident and not cls:
        return _NO_MARKS
    tokens = cls.split() if cls else []
    if ident:
        tokens.append("#" + ident)
    return frozenset(tokens)


# ------------------------------------------------------------------ reading records

_TOP_KEYS = frozenset({"templates", "generic_marks"})
_TEMPLATE_KEYS = frozenset({"name", "family", "signature", "marks", "settings"})
_ZONES = {zone.value: zone for zone in Zone}


def _fail(origin: str, where: str, problem: str) -> TemplateError:
    return TemplateError(f"template file {origin}: {where}: {problem}")


def _string(value: object, origin: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(origin, where, f"must be a non-empty string, not {value!r}")
    if any(c.isspace() for c in value):
        raise _fail(origin, where, f"{value!r} holds a space (a mark is one class, or '#' and one id)")
    return value


def _zone_map(raw: object, origin: str, where: str) -> dict[str, Zone]:
    if not isinstance(raw, dict):
        raise _fail(origin, where, f"must be a table of mark = zone, not {type(raw).__name__}")
    marks: dict[str, Zone] = {}
    for mark, zone in raw.items():
        _string(mark, origin, f"{where} mark")
        if len(mark.lstrip("#")) == 0 or len(mark) > MAX_CACHED_MARK:
            raise _fail(origin, f"{where} {mark!r}", "is no class or #id")
        if zone not in _ZONES:
            raise _fail(origin, f"{where} {mark!r}",
                        f"unknown zone {zone!r} (zones: {', '.join(sorted(_ZONES))})")
        marks[mark] = _ZONES[zone]
    return marks


def _template(raw: object, origin: str, position: int) -> Template:
    where = f"templates[{position}]"
    if not isinstance(raw, dict):
        raise _fail(origin, where, f"must be a table, not {type(raw).__name__}")
    unknown = set(raw) - _TEMPLATE_KEYS
    if unknown:
        raise _fail(origin, where, f"unknown key(s) {', '.join(sorted(unknown))} "
                                   f"(known: {', '.join(sorted(_TEMPLATE_KEYS))})")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(origin, where, "needs a name (a non-empty string)")
    where = f"template {name!r}"
    marks = _zone_map(raw.get("marks", {}), origin, f"{where} marks")
    signature = raw.get("signature")
    if not isinstance(signature, list) or not signature:
        raise _fail(origin, where, "needs a signature: a list of the marks every page of it has")
    signed = frozenset(_string(mark, origin, f"{where} signature") for mark in signature)
    unmarked = sorted(signed - set(marks))
    if unmarked:
        raise _fail(origin, where, f"signature mark(s) {', '.join(unmarked)} are not among its marks")
    family = raw.get("family", name)
    if not isinstance(family, str):
        raise _fail(origin, where, f"family must be a string, not {family!r}")
    settings = raw.get("settings", {})
    if not isinstance(settings, dict):
        raise _fail(origin, f"{where} settings", "must be a table of rule = value")
    try:
        rules = RULES.replace(**settings)
    except TypeError as exc:
        raise _fail(origin, f"{where} settings", str(exc)) from None
    return Template(name, family, marks, signed, rules, origin)


def _records(data: object, origin: str) -> TemplateSet:
    if not isinstance(data, dict):
        raise _fail(origin, "the file", "must hold a table (TOML) or an object (JSON)")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _fail(origin, "the file", f"unknown key(s) {', '.join(sorted(unknown))} "
                                        f"(known: {', '.join(sorted(_TOP_KEYS))})")
    raw_templates = data.get("templates", [])
    if not isinstance(raw_templates, list):
        raise _fail(origin, "templates", "must be a list of template tables ([[templates]] in TOML)")
    templates = tuple(_template(raw, origin, i) for i, raw in enumerate(raw_templates))
    names = [t.name for t in templates]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise _fail(origin, "templates", f"name(s) {', '.join(twice)} given twice")
    generic = _zone_map(data.get("generic_marks", {}), origin, "generic_marks")
    if not templates and not generic:
        raise _fail(origin, "the file", "holds no templates and no generic marks")
    return TemplateSet(templates, generic)




def _parse_file(text: str, origin: str, kind: str) -> object:
    try:
        return json.loads(text) if kind == "json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:  # JSONDecodeError is a ValueError
        raise _fail(origin, "the file", f"is not valid {kind.upper()}: {exc}") from None


def load_templates(path: str | os.PathLike[str]) -> TemplateSet:
    """The templates of one TOML or JSON file (by its extension; ``.toml`` unless ``.json``).

    Raises :class:`TemplateError` naming the file and the problem.
    """
    origin = os.fspath(path)
    try:
        with open(origin, "rb") as handle:
            data = handle.read(MAX_TEMPLATE_FILE + 1)
    except OSError as exc:
        raise TemplateError(f"template file {origin}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_TEMPLATE_FILE:
        raise _fail(origin, "the file", f"is over {MAX_TEMPLATE_FILE:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(origin, "the file", f"is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    kind = "json" if origin.lower().endswith(".json") else "toml"
    found = _records(_parse_file(text, origin, kind), origin)
    templates = tuple(Template(t.name, t.family, t.marks, t.signature, t.rules, origin) for t in found.templates)
    return TemplateSet(templates, found.generic)


def _bundled() -> TemplateSet:
    """The templates shipped in ``qizhi_parser/sites/``: the generic marks, then each file's
    records in file-name order."""
    folder = pathlib.Path(__file__).with_name("sites")
    templates: list[Template] = []
    generic: dict[str, Zone] = {}
    for path in sorted(folder.glob("*.toml")):
        found = load_templates(path)
        templates.extend(Template(t.name, t.family, t.marks, t.signature, t.rules, "bundled") for t in found.templates)
        generic.update(found.generic)
    return TemplateSet(tuple(templates), generic)


#: The bundled templates.
BUNDLED = _bundled()

TemplatesArgument = TemplateSet | str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None


@functools.lru_cache(maxsize=32)
def _merged(files: tuple[tuple[str, int, int], ...]) -> TemplateSet:
    """The bundled templates with these files' before them (the first file first); one set,
    with one warm lookup cache, as long as the files are unchanged (path, mtime, size)."""
    result = BUNDLED
    for path, _mtime, _size in reversed(files):
        result = result.with_templates(load_templates(path))
    return result


def template_set(templates: TemplatesArgument) -> TemplateSet:
    """The templates a parse uses: the bundled ones, with a user's file (or files, the first
    tried first) before them. A file is read once while it is unchanged.

    Raises :class:`TemplateError` for a file that cannot be read or is not valid, TypeError
    for an argument of another type.
    """
    if templates is None:
        return BUNDLED
    if isinstance(templates, TemplateSet):
        return templates
    if isinstance(templates, (str, os.PathLike)):
        paths = [os.fspath(templates)]
    elif isinstance(templates, Iterable):
        paths = [os.fspath(p) if isinstance(p, (str, os.PathLike)) else _not_a_path(p) for p in templates]
    else:
        raise TypeError(f"templates must be a path, paths or a TemplateSet, not {type(templates).__name__}")
    files: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError as exc:
            raise TemplateError(f"template file {path}: cannot be read: {exc.strerror or exc}") from None
        files.append((os.path.abspath(path), stat.st_mtime_ns, stat.st_size))
    return _merged(tuple(files))


def _not_a_path(value: object) -> str:
    raise TypeError(f"templates must be paths, not {type(value).__name__}")
