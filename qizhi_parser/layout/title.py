"""The title group: the headline block with the pre-title (引题) above it and the subtitle
(副题) below. The markup's headline element, else the title block laid out above the time
line, else the block that repeats the page title."""

from __future__ import annotations

import regex

from ..found import issue
from ..models import Issue
from ..page import Block, Page
from ..settings import MAX_HEADLINE, RULES, Rules
from ..text.credits import parse_credit_run
from ..text.shapes import is_prose
from ..text.spaces import squash
from ..text.times import find_datetime
from ..text.titles import is_site_name, matches_title, shared_run, title_prefixes, within_title
from ..vocab import (
    CRUMB_LINE,
    CRUMB_PREFIX,
    CRUMB_SEP,
    CRUMB_TEXT_END,
    DATETIME,
    PAGE_LABEL,
    PRETITLE_CLASSES,
    SITE_NAMES,
    SITE_WORD,
    SOURCE_LINE,
    SUBTITLE_CLASSES,
    YEARLESS_STAMP,
    Zone,
)
from .kinds import chrome_line, widget_line
from .regions import TitleRegion

__all__ = ["from_markup", "from_text", "from_title_heading", "from_title_match", "locate_title", "page_title"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BREADCRUMB = Zone.BREADCRUMB
_TITLE = Zone.TITLE
_PRETITLE = Zone.PRETITLE
_SUBTITLE = Zone.SUBTITLE
_NO_TITLE_ZONES = frozenset({Zone.BODY, Zone.CREDITS, Zone.CHROME})

_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _title(lines: list[str], pretitle: str | None, subtitle: str | None, rule: str, index: int) -> TitleRegion:
    return TitleRegion(index, rule, " ".join(lines), tuple(lines), pretitle, subtitle)


def _lines(block: Block) -> list[str]:
    return [squash(line) for line in block.lines if squash(line)]


def _is_headline_candidate(block: Block, title: str | None) -> bool:
    """A visible heading of headline length that is not the site's name (a logo's <h1>)."""
    text = squash(block.text)
    return (bool(text) and not block.hidden and text not in SITE_NAMES and len(text) <= MAX_HEADLINE
            and not is_site_name(text, title))


def page_title(page: Page) -> str | None:
    """The title the page gives itself: og:title, else <title>."""
    return page.meta.get("og:title") or page.title or None


def _html_title(page: Page) -> str | None:
    """The page title of an HTML page; None for a text dump, which has none."""
    return page_title(page) if page.format == "html" else None


def _beside(block: Block, head: Block, zone: Zone, classes: frozenset[str], rules: Rules) -> bool:
    """The element next to the headline that is its 引题 (above) or 副题 (below): one a template
    marks so (``zone``), or a heading element with its class or in the headline's zone."""
    if block.hidden or len(block.text) > rules.max_title_line:
        return False
    if block.zone == zone or block.marks & classes:  # marked so, whatever the element
        return True
    return block.tag in _HEADING_TAGS and block.zone == head.zone


def _heads(page: Page) -> tuple[list[Block], str]:
    """The headline elements: the <h1>s, else the <h2>s of a title container."""
    title = page_title(page)
    h1s = [b for b in page.blocks if b.tag == "h1" and _is_headline_candidate(b, title)]
    if h1s:
        return h1s, "html:h1"
    return [b for b in page.blocks if b.tag == "h2" and b.zone == _TITLE and _is_headline_candidate(b, title)], \
        "html:title-h2"


def _neighbour(page: Page, index: int, head: Block, zone: Zone, classes: frozenset[str],
               rules: Rules) -> str | None:
    """The text of the block at ``index`` when it sits beside the headline as its 引题 or 副题;
    never the site's name (a logo's <h1> right above a headline the page title names)."""
    blocks = page.blocks
    if 0 <= index < len(blocks) and _beside(blocks[index], head, zone, classes, rules):
        block = blocks[index]
        text = squash(block.text)
        if block.zone == zone:  # the template marks it so
            return text or None
        return text if text and not is_site_name(text, page_title(page)) else None
    return None


def from_markup(page: Page, anchor: int | None, rules: Rules = RULES) -> TitleRegion | None:
    """The article's <h1> (never a logo <h1>), or the <h2> of a channel title block: the
    last above the time line when there is one, else the first."""
    heads, rule = _heads(page)
    if not heads:
        return None
    before = [b for b in heads if anchor is not None and b.index < anchor]
    head = before[-1] if before else heads[0]
    pretitle = _neighbour(page, head.index - 1, head, _PRETITLE, PRETITLE_CLASSES, rules)
    subtitle = _neighbour(page, head.index + 1, head, _SUBTITLE, SUBTITLE_CLASSES, rules)
    return _title(_lines(head), pretitle, subtitle, rule, head.index)


def _is_crumb(block: Block) -> bool:
    return block.zone == _BREADCRUMB or bool(
        (CRUMB_LINE.match(block.text) and (">" in block.text or "＞" in block.text))
        or CRUMB_PREFIX.match(block.text)
        or CRUMB_TEXT_END.match(squash(block.text))
    )


#: A bare web address (www.chinaneast.gov.cn, http://…): a site's line, never a title.
_ADDRESS = regex.compile(r"^(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,6}(?:[/:?#]\S*)?$")


def _skippable(block: Block, rules: Rules) -> bool:
    return (
        block.hidden
        or block.zone in _NO_TITLE_ZONES
        or block.text.endswith("。")  # a sentence, not a title
        or chrome_line(block.text)
        or (len(block.text) <= rules.max_widget_line and widget_line(block.text))
        or parse_credit_run(block.text) is not None
        or bool(_ADDRESS.match(block.text))
        or bool(SOURCE_LINE.match(block.text))  # 来源： 中国日报网
        or find_datetime(block.text) is not None  # a date line (2023年05月12日 星期五 往期回顾), never a title
        or bool(PAGE_LABEL.match(block.text))  # an e-paper's page: 第01版：要闻
        or bool(YEARLESS_STAMP.match(block.text))  # 12-05 21:08 示例晚报: an info line
    )


def _about(run: list[Block], below: list[Block], rules: Rules) -> bool:
    """Whether a title run shares ``related_share`` of its character pairs with the text below
    (each of the title's few pairs looked for in the text: no set of the text's pairs is built)."""
    own = _pairs("".join(b.text for b in run))
    if not own:
        return False
    text = "".join(b.text for b in below)
    return sum(pair in text for pair in own) >= rules.related_share * len(own)


def _bare_date(text: str) -> bool:
    """A line that prints a date (and time) and nothing else, as an e-paper's page head does;
    an article's info line names its source or labels its time."""
    return not DATETIME.sub("", text).strip(" \u3000\xa0|星期一二三四五六日天")


def _runs_below(page: Page, anchor: int, rules: Rules) -> list[list[Block]]:
    """The first two runs of title-like lines after the date line, up to the first line of text."""
    runs: list[list[Block]] = []
    for block in page.blocks[anchor + 1 : anchor + 1 + rules.title_reach]:
        if len(block.text) > rules.max_title_line or is_prose(block.text, rules.min_prose):
            break
        if _skippable(block, rules):
            continue
        same_run = bool(runs) and page.format == "text" and runs[-1][-1].group == block.group
        if same_run:
            runs[-1].append(block)  # one blank-line-separated run of a text layout
        elif len(runs) == 2:
            break
        else:
            runs.append([block])
    return runs


def _title_below(page: Page, anchor: int, rules: Rules) -> TitleRegion | None:
    """The title set under a date line (an e-paper's page prints the paper's date above the
    headline): the runs between the date and the first line of text, the first the headline
    and the next its subtitle, when the headline is about the text that follows."""
    runs = _runs_below(page, anchor, rules)
    if not runs:
        return None
    after = runs[-1][-1].index + 1
    if not _about(runs[0], page.blocks[after : after + rules.related_reach], rules):
        return None
    head, rest = runs[0], runs[1:]
    subtitle = squash(" ".join(b.text for b in rest[0])) or None if rest else None
    lines = [line for b in head for line in _lines(b)]
    last = (rest[0] if rest else head)[-1].index
    return TitleRegion(head[0].index, f"{page.format}:title-below-date", " ".join(lines), tuple(lines), None,
                       subtitle, last)


def _pretitle_of(groups: list[list[Block]], rules: Rules, title: str | None, fmt: str) -> str | None:
    """The run before the headline's, when it can be a 引题: never the site's name that the page
    ``title`` ends in (a logo's heading above the title block). A text dump has no page title,
    and keeps no markup of lists: there a short line ending in a site's word (示例新闻网) is none,
    nor is a run that follows another title-like run (a list of other articles' titles above the
    headline); a 引题 missed is a gap, a sidebar's title taken for one a wrong value."""
    if len(groups) < 2:
        return None
    text = squash(" ".join(b.text for b in groups[-2]))
    if not text or not _pretitle_like(text, rules) or is_site_name(text, title):
        return None
    if fmt == "text" and (len(groups) > 2 or (len(text) <= rules.max_site_name and SITE_WORD.search(text))):
        return None
    return text


def _pretitle_like(text: str, rules: Rules) -> bool:
    """A run of text above the headline that can be its 引题: not a menu (搜索 网站地图 设置首页),
    not a path's fragment (首页> 新闻中心>), not a one-word label (图片)."""
    words = text.split()
    menu = len(words) >= rules.menu_words and all(len(w) <= rules.max_menu_word for w in words)
    return len(text.replace(" ", "")) >= rules.min_pretitle and not menu and not CRUMB_SEP.search(text)


def from_text(page: Page, anchor: int | None, start: int = 0, rules: Rules = RULES) -> TitleRegion | None:
    """The title block as laid out in text: the runs of lines just above the time line.

    Each blank-line-separated run is one element of the page (each block, for
    HTML). Of the runs between the breadcrumb and the time line, the last that
    does not start with a dash is the headline (its lines are the headline's
    lines), the run before it is the pre-title and a run after it starting with
    —— is the subtitle. Without a time line, a text dump's title group is the runs above its
    first line of prose; else the first run after the breadcrumb is the headline.
    """
    blocks = page.blocks
    anchor, region = _title_region(page, anchor, start, rules)
    groups = _runs(region, page.format, rules, stop_at_second=anchor is None)
    if not groups:
        return None
    subtitle = None
    if len(groups) > 1 and groups[-1][0].text.startswith(("—", "－－", "--")):
        subtitle = squash(" ".join(b.text for b in groups.pop())) or None
    if len(groups) > 1 and anchor is not None:
        _drop_unrelated_tail(groups, blocks[anchor : anchor + rules.related_reach], rules)
    head = groups[-1]
    if (anchor is not None and _bare_date(blocks[anchor].text)
            and not _about(head, blocks[anchor + 1 : anchor + 1 + rules.related_reach], rules)):
        below = _title_below(page, anchor, rules)
        if below is not None:
            return below
    pretitle = _pretitle_of(groups, rules, _html_title(page), page.format)
    lines = [line for b in head for line in _lines(b)]
    return _title(lines, pretitle, subtitle, f"{page.format}:title-block", head[0].index)


def _title_region(page: Page, anchor: int | None, start: int, rules: Rules) -> tuple[int | None, list[Block]]:
    """The line the title group stands above (the time line; a dump's first line of prose when
    it has none) and the blocks the group is looked for in."""
    blocks = page.blocks
    if anchor is None and page.format == "text":
        anchor = _first_prose(blocks, start, rules)
    if anchor is not None:
        return anchor, blocks[max(start, anchor - rules.title_reach) : anchor]
    return None, blocks[start : start + 3 * rules.title_reach]


def _first_prose(blocks: list[Block], start: int, rules: Rules) -> int | None:
    """Where a text dump's running text starts (the first line of prose near the top), if it does."""
    for block in blocks[start : start + 3 * rules.title_reach]:
        if is_prose(block.text, rules.min_prose):
            return block.index
    return None


def _runs(region: list[Block], fmt: str, rules: Rules, *, stop_at_second: bool) -> list[list[Block]]:
    """The runs of title-like lines in ``region`` after its last path line (one run a
    blank-line-separated group in text, a block in HTML). A list, link or long line
    ends the runs before it; with ``stop_at_second``, the first run is all that is wanted."""
    groups: list[list[Block]] = []
    last_key: int | None = None
    for block in region:
        if _is_crumb(block):
            groups, last_key = [], None
            continue
        if _skippable(block, rules):
            continue
        if block.linked or block.listed or len(block.text) > rules.max_title_line:
            if stop_at_second and groups:
                break
            groups, last_key = [], None
            continue
        key = block.group if fmt == "text" else block.index
        if groups and key == last_key:
            groups[-1].append(block)
        elif stop_at_second and groups:
            break
        else:
            groups.append([block])
        last_key = key
    return groups


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if not text[i : i + 2].isspace()}


def _drop_unrelated_tail(groups: list[list[Block]], below: list[Block], rules: Rules) -> None:
    """Drop the trailing title candidates that are short and share less than half as many
    character pairs with the text below the time line as an earlier, longer one that is
    about that text: in a table layout rendered as text, navigation cells (工作动态) sit
    between title and time line."""
    text = "".join(b.text for b in below)
    if len(text.strip()) < 2:
        return
    joined = ["".join(b.text for b in g) for g in groups]
    # each candidate's few pairs looked for in the text (no set of the text's pairs is built)
    shared = [sum(pair in text for pair in _pairs(w)) for w in joined]
    best = max(range(len(groups)), key=lambda i: shared[i])
    if shared[best] < rules.related_share * max(1, len(_pairs(joined[best]))):
        return
    tail = range(best + 1, len(groups))
    short = rules.short_cell
    if tail and all(len(joined[i]) <= short < len(joined[best]) and shared[i] < shared[best] / 2 for i in tail):
        del groups[best + 1 :]


def from_title_match(page: Page, anchor: int | None) -> TitleRegion | None:
    """The visible block whose text is the page title, or the title's leading part
    (``标题_振兴东北`` → ``标题``): the headline of a page whose markup and layout
    name none (table layouts set it in a cell, where titles are not looked for)."""
    prefixes = title_prefixes(page.meta.get("og:title"), page.title)
    if not prefixes:
        return None
    wanted = set(prefixes)
    end = anchor if anchor is not None else len(page.blocks)
    matches = [b for b in page.blocks[:end] if not b.hidden and squash(b.text) in wanted and b.tag != "body"]
    if not matches:
        return None
    head = matches[-1] if anchor is not None else matches[0]
    return _title([squash(head.text)], None, None, "html:title-tag-match", head.index)


def _heading_like(block: Block, rules: Rules) -> bool:
    return (not block.hidden and not block.linked and 0 < len(block.text) <= rules.max_title_line
            and block.zone not in _NO_TITLE_ZONES)


def _title_share(text: str, title: str) -> float:
    head, wanted, common = shared_run(text, title)
    return common / max(len(head), len(wanted), 1)


def from_title_heading(page: Page, anchor: int | None, title: str, rules: Rules = RULES) -> TitleRegion | None:
    """The heading the page title names (:func:`~qizhi_parser.text.titles.matches_title`): of
    the unlinked short blocks above the time line (the first screen when there is none; a
    table cell counts) — or of their lines, where a block sets the headline and the source
    line apart with ``<br>`` — the one that shares most with the title (the last of equals);
    the heading elements right beside it are its 引题 and 副题."""
    blocks = page.blocks
    end = anchor if anchor is not None else min(len(blocks), rules.path_search)
    longest = len(title) / rules.title_match_share
    matching = [(b, line) for b in blocks[:end] if _heading_like(b, rules)
                for line in (b.lines if len(b.lines) > 1 else (b.text,))
                if len(line) <= longest and matches_title(line, title, rules.title_match_share)]
    if not matching:
        return None
    head, line = max(reversed(matching), key=lambda pair: _title_share(pair[1], title))
    lines = _lines(head) if line == head.text else [squash(line)]
    pretitle = _neighbour(page, head.index - 1, head, _PRETITLE, PRETITLE_CLASSES, rules)
    subtitle = _neighbour(page, head.index + 1, head, _SUBTITLE, SUBTITLE_CLASSES, rules)
    return _title(lines, pretitle, subtitle, f"{page.format}:title-match", head.index)


def _checked(page: Page, found: TitleRegion | None, anchor: int | None, rules: Rules) -> TitleRegion | None:
    """The title group found, unless the page title does not hold it and names another
    heading above the time line: the generic reading's check on a logo, a channel name, a
    subtitle or a caption taken for the headline."""
    title = _html_title(page)
    if found is None or title is None or within_title(found.raw, title, rules.title_match_share):
        return found
    return from_title_heading(page, anchor, title, rules) or found


def locate_title(page: Page, anchor: int | None, rules: Rules = RULES) -> tuple[TitleRegion | None, Issue | None]:
    """The title group: the markup's headline element, else the title block laid out above
    the time line, else the block that repeats the page title; a heading the page title
    names wins over one it does not. A block too long to be a headline is none (and says so)."""
    title = from_markup(page, anchor, rules) if page.format == "html" else None
    if title is None:
        title = from_text(page, anchor, rules=rules)
    title = _checked(page, title, anchor, rules)
    if title is None and page.format == "html":
        title = from_title_match(page, anchor)
    named = _html_title(page)
    if title is None and named is not None:
        title = from_title_heading(page, anchor, named, rules)  # a title block the layout rules did not see
    if title is not None and len(title.raw) > MAX_HEADLINE:
        return None, issue("headline", "implausible-headline",
                           f"a {len(title.raw)}-character title block is not a headline")
    return (title, None) if title is not None and title.lines else (None, None)
