"""The inputs of a batch: files, folders, stdin, WARC and tar archives, as items in a stable order.

Each input becomes exactly one item: an :class:`Input` to parse, or an :class:`Entry` whose
outcome is known before any parsing (a folder that cannot be read, a damaged archive, a file
that is no page). Inputs are told by their content, not their names (:mod:`.reading`).
"""

from __future__ import annotations

import fnmatch
import os
import tarfile
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import IO

from ..errors import ArchiveError, InputTooLargeError, ReadError
from ..settings import DEFAULT_MAX_BYTES, MAX_URL_ARGUMENT, READ_CHUNK
from .items import Entry, Input, Item, Result, Skipped
from .names import display_name
from .reading import HEAD, kind_of, read_head, special
from .warc import warc_file_items

__all__ = [
    "DEFAULT_GLOBS",
    "Entry",
    "Input",
    "Item",
    "Result",
    "Skipped",
    "expand",
    "file_items",
    "is_archive_name",
    "matches",
    "read_url_manifest",
]

#: Files a folder contributes when no --glob is given (matched without regard to case), and
#: files with no extension at all (saved pages often have none); each is then told by its content.
DEFAULT_GLOBS = (
    "*.html", "*.htm", "*.shtml", "*.xhtml", "*.jhtml", "*.txt",
    "*.html.gz", "*.htm.gz", "*.shtml.gz", "*.txt.gz",
    "*.warc", "*.warc.gz", "*.tar", "*.tar.gz", "*.tgz",
)


def matches(relative: str, name: str, patterns: Iterable[str]) -> bool:
    """A glob matches the file name, or the path relative to the folder (``**/*.html``),
    without regard to case; the default patterns also take a name with no extension.

    >>> matches("a/B.HTML", "B.HTML", DEFAULT_GLOBS), matches("x/page", "page", DEFAULT_GLOBS)
    (True, True)
    >>> matches("x.json", "x.json", DEFAULT_GLOBS)
    False
    """
    patterns = tuple(patterns)
    if patterns == DEFAULT_GLOBS and "." not in name.lstrip("."):
        return not name.startswith(".")  # a saved page without an extension (hidden files are not pages)
    name_l, relative_l = name.lower(), relative.lower()
    for pattern in patterns:
        pattern_l = pattern.lower()
        if fnmatch.fnmatchcase(name_l, pattern_l) or fnmatch.fnmatchcase(relative_l, pattern_l):
            return True
        if pattern_l.startswith("**/") and fnmatch.fnmatchcase(relative_l, pattern_l[3:]):
            return True
    return False


def expand(
    paths: Iterable[str],
    *,
    globs: Iterable[str] = DEFAULT_GLOBS,
    stdin: IO[bytes] | bytes | None = None,
    exclude: Iterable[str] = (),
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    urls: Mapping[str, str] | None = None,
) -> Iterator[Item]:
    """Items of paths as the command line gives them, lazily and in a stable order:
    files as they are, folders recursively (files matching ``globs`` by name or by path
    relative to the folder; a subfolder that cannot be read is an item of its own), archives
    as their records or members, ``-`` as ``stdin`` (a stream or its bytes; a WARC on stdin is
    read as one, record by record). ``exclude`` names files never read (the output file).

    A page file's URL is ``urls[realpath]`` (a manifest, :func:`read_url_manifest`), else the
    first line of its side file ``<page>.url`` when there is one; a WARC record's is its
    target URI."""
    patterns = tuple(globs)
    skip = {os.path.realpath(p) for p in exclude}
    for raw in paths:
        if raw == "-":
            yield from _stdin_items(stdin, max_bytes)
        elif os.path.isdir(raw):
            yield from _folder_items(raw, patterns, skip, max_bytes, urls)
        elif os.path.realpath(raw) not in skip:
            yield from file_items(raw, max_bytes, urls)


def read_url_manifest(path: str) -> dict[str, str]:
    """The URLs of a manifest file: one ``path<TAB>url`` line a page (a path relative to the
    manifest's folder, or absolute), blank lines and ``#`` comments skipped; keyed by the
    page's real path. ValueError names the first line that is not one."""
    base = os.path.dirname(os.path.abspath(path))
    found: dict[str, str] = {}
    with open(path, encoding="utf-8", errors="surrogateescape") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            page, tab, url = line.partition("\t")
            if not tab or not page or not url.strip():
                raise ValueError(f"line {number} is not 'path<TAB>url': {display_name(line[:80])!r}")
            found[os.path.realpath(os.path.join(base, page))] = url.strip()
    return found


def _side_url(path: str, urls: Mapping[str, str] | None) -> str | None:
    """A page file's URL: the manifest's, else its ``.url`` side file's first line (bounded)."""
    if urls:
        url = urls.get(os.path.realpath(path))
        if url is not None:
            return url
    side = path + ".url"
    try:
        with open(side, "rb") as handle:
            first = handle.read(MAX_URL_ARGUMENT + 2).split(b"\n", 1)[0]
    except OSError:
        return None
    url = first.decode("utf-8", "replace").strip()
    return url or None


def _folder_items(folder: str, patterns: tuple[str, ...], skip: set[str], max_bytes: int | None,
                  urls: Mapping[str, str] | None) -> Iterator[Item]:
    failures: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failures.append):
        while failures:  # a subfolder os.walk could not list: one item, never a silent gap
            error = failures.pop(0)
            where = error.filename if isinstance(error.filename, str) else root
            yield Entry(where, ReadError(f"cannot read the folder {display_name(where)}: {error.strerror or error}"))
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(root, name)
            if matches(os.path.relpath(full, folder), name, patterns) and os.path.realpath(full) not in skip:
                yield from file_items(full, max_bytes, urls)
    for error in failures:
        where = error.filename if isinstance(error.filename, str) else folder
        yield Entry(where, ReadError(f"cannot read the folder {display_name(where)}: {error.strerror or error}"))


def is_archive_name(path: str) -> bool:
    """Whether a file is named as an archive (WARC or tar): one input a record or member, not a page."""
    return path.lower().endswith((".warc", ".warc.gz", ".tar", ".tar.gz", ".tgz"))


def _archive_name(path: str) -> bool:
    return path.lower().endswith((".warc", ".warc.gz"))


def file_items(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES,
               urls: Mapping[str, str] | None = None) -> Iterator[Item]:
    """The items of one file, by its content: a page, a WARC archive's records, a tar archive's
    members (those the default patterns take: pages, not images), or a skip for a file of
    another kind. A file that cannot be read is an Input (its read reports why). A page's URL
    comes from ``urls`` or its ``.url`` side file (:func:`expand`)."""
    if special(path) is not None:
        yield Input(name=path, path=path)
        return
    try:
        head = read_head(path)
    except OSError:
        yield Input(name=path, path=path, url=_side_url(path, urls))
        return
    kind, what = kind_of(head)
    if kind == "warc" or _archive_name(path):
        yield from warc_file_items(path, max_bytes)
    elif kind == "tar":
        yield from _tar_items(path, max_bytes)
    elif kind == "binary":
        yield Entry(path, Skipped(f"not a page: {what}"), _side_url(path, urls))
    else:
        yield Input(name=path, path=path, url=_side_url(path, urls))


def _tar_items(path: str, max_bytes: int | None) -> Iterator[Item]:
    """The members of a tar archive (plain or compressed) that the globs take, each an Input
    named ``archive:member``, read one after the other; a damaged archive ends with an
    ArchiveError item after the members read before the damage."""
    count = 0
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for member in archive:
                if not member.isfile() or not matches(member.name, os.path.basename(member.name), DEFAULT_GLOBS):
                    continue
                count += 1
                name = f"{path}:{member.name}"
                if max_bytes is not None and member.size > max_bytes:
                    yield Entry(name, InputTooLargeError(member.size, max_bytes))
                    continue
                handle = archive.extractfile(member)
                yield Input(name=name, data=handle.read() if handle is not None else b"")
    except (tarfile.TarError, OSError, EOFError) as exc:
        yield Entry(f"{path}:", ArchiveError(f"{display_name(path)}: the tar archive is damaged after {count} "
                                             f"member(s): {exc}"))
        return
    if count == 0:
        yield Entry(path, Skipped("no page in the tar archive"))


def _stdin_items(stdin: IO[bytes] | bytes | None, max_bytes: int | None) -> Iterator[Item]:
    """Stdin: a page (read up to the limit), or a WARC archive (copied to a temporary file as it
    comes and read record by record, each record within the limit)."""
    if stdin is None:
        yield Entry("-", ReadError("cannot read stdin: it is closed"))
        return
    if isinstance(stdin, bytes):
        kind = kind_of(stdin[:HEAD])[0]
        if kind != "warc":
            yield _page_of(stdin, max_bytes)
            return
        with tempfile.TemporaryFile() as spool:
            spool.write(stdin)
            spool.flush()
            yield from warc_file_items("-", max_bytes, handle=spool)
        return
    try:
        head = stdin.read(HEAD)
        kind = kind_of(head)[0]
        if kind != "warc":
            rest = stdin.read(max(0, max_bytes + 1 - len(head))) if max_bytes is not None else stdin.read()
            yield _page_of(head + rest, max_bytes)
            return
        with tempfile.TemporaryFile() as spool:
            spool.write(head)
            while chunk := stdin.read(READ_CHUNK):
                spool.write(chunk)
            spool.flush()
            items = warc_file_items("-", max_bytes, handle=spool)
            yield from items
    except OSError as exc:
        yield Entry("-", ReadError(f"cannot read stdin: {exc.strerror or exc}"))


def _page_of(data: bytes, max_bytes: int | None) -> Item:
    if max_bytes is not None and len(data) > max_bytes:
        return Entry("-", InputTooLargeError(len(data), max_bytes))
    return Input(name="-", data=data)
