"""Body: the fields the body's classified lines hold — sections, images, edition, dateline,
original headline, pagination."""

from __future__ import annotations

from ..found import Found, issue
from ..layout import Layout, LineKind
from ..layout.kinds import kept_images
from ..models import Edition, Image, Issue, Pagination, Paragraph, Section
from ..page import Block, Page
from ..settings import MAX_IMAGES
from ..text.credits import dateline_credit
from ..text.edition import read_edition
from ..text.spaces import squash, strip_indent
from ..text.urls import Links, url_info
from ..vocab import AGENCY_DATELINE, CLOSERS, DATELINE_TITLE, LEAD_END, ORIGINAL_HEADLINE, PAGER_NUMBER

__all__ = [
    "extract_dateline",
    "extract_edition",
    "extract_images",
    "extract_original_headline",
    "extract_pagination",
    "extract_sections",
]

#: Line kinds read in loops: module constants (an Enum member lookup costs three times a global's).
_HEADING = LineKind.HEADING
_PARAGRAPH = LineKind.PARAGRAPH
_CAPTION = LineKind.CAPTION
_LONE_CAPTION = LineKind.LONE_CAPTION
_NO_IMAGES = frozenset({LineKind.HIDDEN, LineKind.CHROME})

_NOT_IN_LEAD = frozenset("“”\"「」:：（(")


def _lead(block: Block, text: str, fmt: str, max_lead: int) -> str | None:
    """The lead-in of a paragraph: its bold opening sentence (HTML), or a short first
    sentence without quotes or a colon (text)."""
    if fmt == "html":
        prefix = strip_indent(block.bold_prefix)
        if prefix and prefix[-1] in LEAD_END and text.startswith(prefix) and len(prefix) < len(text):
            return prefix.rstrip("".join(LEAD_END)) or None
        return None
    for i, char in enumerate(text[: max_lead + 1]):
        if char in "。！？!?":
            head = text[:i]
            if i >= 2 and i + 1 < len(text) and _NOT_IN_LEAD.isdisjoint(head):
                return head
            return None
    return None


#: A line ending so ends its sentence: a <br> after it starts a new paragraph.
_SENTENCE_END = tuple("。！？!?…")


def _paragraph_texts(block: Block, text: str, fmt: str) -> list[str]:
    """The paragraphs of one body line: on an HTML page, a block whose lines are set apart by
    <br> (a table cell or an unclosed <p> of an old page, each paragraph indented) is split
    after each line that ends its sentence; a line that runs on (a colon, a comma) stays with
    the next. The whole block only: a line the body cut (related titles) is one paragraph."""
    lines = block.lines
    if fmt != "html" or len(lines) < 2 or text != strip_indent(block.text):
        return [text]
    found: list[str] = []
    current: list[str] = []
    for part in lines:
        current.append(part)
        if part.rstrip(CLOSERS).endswith(_SENTENCE_END):
            found.append(strip_indent(" ".join(current)))
            current = []
    if current:
        found.append(strip_indent(" ".join(current)))
    return found if len(found) > 1 else [text]


def extract_sections(page: Page, layout: Layout) -> Found[list[Section]]:
    """Headings and the paragraphs under them; text before the first heading is a
    section without one."""
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[Paragraph] = []
    for line in layout.lines:
        if line.kind == _HEADING:
            if paragraphs or heading is not None:
                sections.append(Section(heading=heading, paragraphs=paragraphs))
            heading, paragraphs = line.text, []
        elif line.kind == _PARAGRAPH:
            texts = _paragraph_texts(line.block, line.text, page.format) if len(line.block.lines) > 1 else (line.text,)
            for i, text in enumerate(texts):
                lead = _lead(line.block, text, page.format, layout.rules.max_text_lead) if i == 0 else None
                paragraphs.append(Paragraph(text=text, lead=lead))
    if paragraphs or heading is not None:
        sections.append(Section(heading=heading, paragraphs=paragraphs))
    missing = not any(s.paragraphs for s in sections)
    problems = (issue("sections", "missing", "no body paragraphs found"),) if missing else ()
    return Found(sections, rule=layout.body_rule, issues=problems)


def extract_original_headline(page: Page, layout: Layout) -> Found[str | None]:
    """原标题：… printed in the body, or hidden in the page for search engines."""
    for line in layout.of(LineKind.HIDDEN, LineKind.ORIGINAL_HEADLINE):
        found = ORIGINAL_HEADLINE.match(line.text)
        title = squash(found["title"]) if found else ""
        if title:
            hidden = line.kind == LineKind.HIDDEN
            rule = "html:hidden-original-headline" if hidden else f"{page.format}:original-headline-line"
            return Found(title, raw=line.text, rule=rule, block=line.block.index)
    return Found(None)


def extract_edition(page: Page, layout: Layout) -> Found[Edition | None]:
    """The print edition line: 《人民日报》（2024年05月10日 第 05 版）."""
    editions = layout.of(LineKind.EDITION)
    if not editions:
        return Found(None)
    line = editions[0]
    return Found(read_edition(line.text), raw=line.text, block=line.block.index)


def extract_dateline(page: Page, layout: Layout) -> Found[str | None]:
    """新华社北京5月10日电 on a line of its own, else opening the first paragraph."""
    datelines = layout.of(LineKind.DATELINE)
    if datelines:
        match = DATELINE_TITLE.match(datelines[0].text)
        return Found(match["dateline"] if match else None, raw=datelines[0].text, block=datelines[0].block.index)
    paragraphs = layout.paragraphs
    if not paragraphs:
        return Found(None)
    first = paragraphs[0]
    found = dateline_credit(first.text)
    if found is not None:
        return Found(found[0], raw=first.text, block=first.block.index)
    plain = AGENCY_DATELINE.match(first.text)
    if plain is None:
        return Found(None)
    rule = f"{page.format}:dateline-opening-text"
    return Found(plain["dateline"], raw=first.text, rule=rule, block=first.block.index)


def extract_images(page: Page, layout: Layout) -> Found[list[Image]]:
    """The body's images with their captions (a centred line under an image), and the
    captions a text dump kept of images it lost."""
    images: list[Image] = []
    dropped = 0
    resolve = Links(layout.base)
    for line in layout.lines:
        if line.kind in _NO_IMAGES:
            continue
        for src, alt in kept_images(line.block):
            if len(images) >= MAX_IMAGES:
                dropped += 1
                continue
            images.append(Image(src=resolve(src), alt=squash(alt or "") or None))
        if line.kind == _CAPTION and images:
            images[-1] = images[-1].model_copy(update={"caption": line.text})
        elif line.kind == _LONE_CAPTION:
            images.append(Image(src=None, caption=line.text))
    problems: tuple[Issue, ...] = ()
    if dropped:
        problems = (issue("input", "input-truncated", f"{len(images) + dropped:,} images in the body; only the "
                                                      f"first {len(images):,} were kept"),)
    return Found(images, issues=problems, dropped_links=tuple(resolve.dropped))


def _pager_marks(block: Block, resolve: Links, numbers: list[int], hrefs: list[tuple[int, str]]) -> None:
    for m in PAGER_NUMBER.finditer(block.text):
        numbers.append(int(m.group(1) or m.group(2)))
    for link in block.links:
        number = PAGER_NUMBER.search(link.text)
        if number:
            href = resolve(link.href)
            if href is not None:
                hrefs.append((int(number.group(1) or number.group(2)), href))


def _current_page(url: str | None, links: dict[int, str]) -> int:
    """This page's number: the pager's link to this very URL, else the URL's page number, else 1."""
    if url is None:
        return 1
    info = url_info(url)
    current = info.page if info is not None and info.page else 1
    here = url.split("#")[0]
    for number, href in links.items():
        if href.split("#")[0] == here:
            current = number
    return current


def extract_pagination(page: Page, layout: Layout) -> Found[Pagination | None]:
    """This page's number, the number of pages and the other pages' addresses, from the
    pager (【1】【2】 下一页) inside the body or outside it."""
    resolve = Links(layout.base)
    numbers: list[int] = []
    hrefs: list[tuple[int, str]] = []
    pagers = [line.block for line in layout.of(LineKind.PAGER)]
    if not pagers and not layout.pagers:
        return Found(None)
    for block in (*pagers, *(page.blocks[region.index] for region in layout.pagers)):
        _pager_marks(block, resolve, numbers, hrefs)
    dropped = tuple(resolve.dropped)
    if len(set(numbers) | {n for n, _ in hrefs}) < 2:
        return Found(None, dropped_links=dropped)
    links = dict(sorted(hrefs))
    current = _current_page(layout.url, links)
    others = [href for number, href in links.items() if number != current]
    total = max(set(numbers) | {n for n, _ in hrefs})
    return Found(Pagination(current=current, total=total, other_urls=others), dropped_links=dropped)
