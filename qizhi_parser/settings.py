"""Every bound and threshold of the parser, in one place, each with the reason for its value.

Three kinds:

- the **work budget**: what one input may cost (bytes, tags, blocks, lines …). Past a bound the
  rest of the input is not read and the Article says so (issue ``input-truncated``), or the
  input is refused before any work (``InputTooLargeError``);
- **value bounds**: the longest value a field may hold before it is judged implausible;
- **rule thresholds** (:class:`Rules`): the lengths and distances the layout rules judge lines by.
  A template may override any of them (``settings`` in its record, see
  :mod:`qizhi_parser.templates`): its page layout, not its code, decides them.

Nothing else in the package holds a bare threshold; a test checks that.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "RULES",
    "Rules",
]

# ----------------------------------------------------------------------------- the work budget

#: Inputs larger than this are refused before any work (bytes, or characters for str).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Seconds one input of a batch may take before it is ended with InputTimeoutError.
DEFAULT_TIMEOUT = 60.0
#: Longest ``url=`` accepted (browsers and servers refuse far shorter ones).
MAX_URL_ARGUMENT = 8192
#: Longest charset label looked at (the longest WHATWG label has 19 characters).
MAX_CHARSET = 40
#: Most tags (``<`` characters) handed to the HTML parser. A real article page has a few
#: thousand; past this the rest of the page is not read, so no input makes the parser build a
#: tree of millions of elements (most of its memory and time).
MAX_TAGS = 60_000
#: Most attributes kept on one element of a long tag (the HTML parser checks an element's attributes
#: against each other, quadratic in their number).
MAX_ATTRIBUTES = 128
#: Longest attribute value kept (a 10 MB data: URI is no URL an Article holds).
MAX_ATTRIBUTE_VALUE = 65_536
#: Deepest element nesting read; deeper elements are not read (``input-truncated``).
MAX_DEPTH = 256
#: Longest run of text in one text node, in UTF-8 bytes (a page whose one text run is longer cannot be
#: read safely; libxml2's own limit, kept with the HTML5 parser).
MAX_TEXT_RUN = 10_000_000
#: Most blocks read from one page. A real article page has a few hundred.
MAX_BLOCKS = 20_000
#: Most links and most images kept for one block (a paragraph has a handful).
MAX_PER_BLOCK = 500
#: Most lines of a text dump read (a real dump has a few thousand).
MAX_LINES = 200_000
#: Most <h1> elements taken as containers of the fast walk (a page has one or two; 600,000
#: sibling <h1> would each become one).
MAX_H1_ROOTS = 16
#: Most images kept for one article (a real one has a few dozen at most).
MAX_IMAGES = 200
#: Longest class or id value whose zone lookup is cached: the cache is bounded by size, not only
#: by count (150 pages with a unique 2 MB class attribute would otherwise keep 300 MB alive).
MAX_CACHED_MARK = 200
#: How much of an input is read to tell HTML from a text dump.
SNIFF_SPAN = 262_144
#: Page files one cluster task (Dask, Spark) parses; an archive is a task of its own.
PAGES_PER_TASK = 100
#: Longest text of one block the explain view shows (the rest is elided, with its count).
MAX_EXPLAINED_TEXT = 400
#: Markup must make up this share of the sniffed input (tags' characters) to be HTML…
MARKUP_SHARE = 0.05
#: …and the lines holding tags this share of the non-empty lines (one long line of quoted
#: advertising markup in a short dump outweighs the dump in characters, not in lines)…
MARKUP_LINE_SHARE = 0.25
#: …or be this many tags: a text dump quoting a snippet of markup has a few.
MANY_TAGS = 40
#: Fewest tags that make an input HTML by their share (one or two is a quoted snippet).
MIN_TAGS = 3
#: Bytes the decoder compares lossy readings on (only the chosen one reads the whole input).
DECODE_SAMPLE = 256 * 1024
#: Share of replaced or control characters above which bytes are not text.
MAX_DAMAGE = 0.05
#: Characters of a reading scored for common Chinese characters (GB18030 against BIG5).
SCORE_SPAN = 20_000
#: Characters searched for CJK characters when a declared charset may read the bytes only as mojibake…
MISMATCH_SPAN = 8000
#: …how many of them are scored…
MISMATCH_CHARACTERS = 100
#: …and the bytes another codec reads first, before the whole input is read with it.
MISMATCH_BYTES = 16_384
#: A CJK reading that replaces a declared charset's has at least this many CJK characters…
MIN_CJK_CHARACTERS = 10
#: …of which at least this share are common ones (plain Chinese scores 0.9 and more)…
MIN_CJK_SCORE = 0.8
#: …and, against another CJK codec's reading, scores at least this much higher.
MIN_SCORE_LEAD = 0.2
#: Characters of a byte-order mark's reading checked for looking like text…
PLAUSIBLE_SPAN = 2000
#: …of which at least this share must be printable ASCII, whitespace, CJK punctuation or common CJK.
MIN_TEXT_SHARE = 0.6
#: Bytes read at a time from files and streams.
READ_CHUNK = 1 << 16
#: Characters of a page scanned at a time when looking for over-long tags (a chunk is copied).
SCAN_CHUNK = 1 << 20
#: A tag this long may hold too many attributes or too long a value: it is looked into.
LONG_TAG = 4000
#: Largest template file read.
MAX_TEMPLATE_FILE = 4 * 1024 * 1024
#: More batch workers than this per CPU is a typing error, not a plan.
MAX_WORKERS_PER_CPU = 16
#: Bytes of a file looked at to tell what it is (a tar header's magic is at byte 257).
SNIFF_HEAD = 4096
#: Longest run of bytes after an archive's last record that may be its separator (CRLF CRLF, padding).
MAX_RECORD_SEPARATOR = 64
#: Seconds between a worker's checks that its parent is still alive.
PARENT_WATCH = 0.25
#: Seconds a stopping pool gives its workers before they are killed.
STOP_GRACE = 5.0
#: Longest error message a batch record holds about an unexpected exception.
MAX_UNEXPECTED_MESSAGE = 500

# ----------------------------------------------------------------------------- value bounds

#: Longest headline (longer: a paragraph taken for a title; ``implausible-headline``).
MAX_HEADLINE = 200
#: Longest credited name.
MAX_NAME = 30
#: Longest URL an Article holds; longer ones (10 MB data: URIs) are dropped (``unsafe-url``).
MAX_URL = 2048
#: Longest ``<title>`` or og:title searched for the headline.
MAX_TITLE_TAG = 400
#: Longest line read as a credit run (a credit line names a few people).
MAX_CREDIT_LINE = 200
#: Longest credit run once its bullets and page-tool words are removed.
MAX_CREDIT_RUN = 160
#: Longest info line whose labelled items are read as credits.
MAX_INFO_ITEMS_LINE = 300
#: Longest Han name without a middle dot (longer runs are words, not names; 阿卜力克木·买买提 has one).
MAX_PLAIN_NAME = 6
#: A site's name after a source on the same line (人民日报海外版 中国青年网): its length range.
SITE_NAME_LENGTH = (3, 8)
#: Most page URLs collected from share scripts (a page names its own URL a few times).
MAX_SHARE_URLS = 8
#: Characters of a page searched for share buttons that name its URL.
MAX_SHARE_SCAN = 2_000_000
#: Characters of a block's text looked for in the HTML to say which line prints it (markup may
#: split a longer run).
WHERE_PROBE = 12
#: Most dropped links whose reasons one issue records.
MAX_DROPPED_LINKS = 1000
#: An error page (404, 页面不存在) says so in a line this short…
MAX_ERROR_LINE = 80
#: …and has no more paragraphs than this.
MAX_ERROR_PARAGRAPHS = 3


# ----------------------------------------------------------------------------- rule thresholds


@dataclass(frozen=True, slots=True)
class Rules:
    """The thresholds the layout rules judge lines by. A template's ``settings`` may override
    any of them for the pages it matches (``Rules().replace(max_bold_heading=80)``)."""

    title_reach: int = 8
    """How many blocks above the time line the title block may start."""
    max_title_line: int = 120
    """Longest line of a title block."""
    max_info_line: int = 160
    """Longest block that can be a time/source line rather than a paragraph."""
    max_untimed_info_line: int = 60
    """Longest line that prints a date without a time and still counts as the info line."""
    max_source_line: int = 200
    """Longest line a 来源 is read from."""
    max_bold_heading: int = 60
    """Longest bold paragraph that is a section heading (HTML)."""
    max_text_heading: int = 40
    """Longest unpunctuated line that is a section heading (text dumps)."""
    max_caption: int = 80
    """Longest photo caption."""
    longest_special: int = 200
    """No special line (credit, edition, pager, promo, caption …) is longer than this."""
    max_widget_line: int = 40
    """Longest line tested for share-widget words."""
    max_crumb_step: int = 40
    """Longest step of a path line."""
    path_search: int = 60
    """How many blocks from the top a path line is looked for when neither title nor time line is found."""
    source_near: int = 2
    """How many blocks on each side of the time line the 来源 line may sit (older templates split them)."""
    min_prose: int = 16
    """Shortest block that reads as a sentence of prose."""
    max_text_lead: int = 24
    """Longest lead-in sentence when it must be told from the text alone (dumps have no bold)."""
    max_desk_credit_line: int = 120
    """Longest credit line that closes the body when it names someone of the editing desk."""
    min_text_above_time: int = 2
    """Fewest paragraphs of running text between title and time line that make the time line
    the text's foot (发布日期 under the text), not its header."""
    min_text_chars_above_time: int = 200
    """And the fewest characters they hold together."""
    closing_lines: int = 3
    """How many more closing lines (a 责任编辑 after an 编辑, a 来源) may follow the one that ends the body."""
    max_footer_line: int = 200
    """Longest line read as the site footer (版权所有, ICP备 …)."""
    max_channel_part: int = 8
    """Longest part of a page title that is a channel name (文化) between headline and site."""
    header_below_title: int = 3
    """How many blocks below the headline a header credit may sit when no time line is found."""
    header_above_time: int = 6
    """How many blocks above the time line a header credit may sit when no title is found."""
    second_article_tries: int = 20
    """How many later time lines are examined when looking for a second article."""
    second_article_prose: int = 7
    """Lines read after a second article's time line to see that prose follows it."""
    min_sentence: int = 10
    """Shortest line that counts as a sentence there."""
    min_related_links: int = 2
    """Fewest links of a body line that is all links to be a line of related titles, not text."""
    min_linked_tail: int = 2
    """Fewest trailing linked lines of a block that are a list of related titles, not text."""
    related_reach: int = 30
    """How many blocks after the time line are read to judge what a title is about."""
    related_share: float = 0.3
    """A title shares at least this share of its character pairs with the text below it."""
    short_cell: int = 8
    """Navigation cells set beside a title are at most this long."""
    max_label_line: int = 10
    """Longest unpunctuated line that reads as a menu entry or a widget's label (要闻, 官方微信平台)."""
    min_gap_weight: int = 8
    """What a line of navigation or page tools counts against the article column, at the least."""
    min_pretitle: int = 4
    """Shortest 引题 read from a text layout (图片 above a headline is a label)."""
    menu_words: int = 3
    """A line of this many short words or more is a menu, never a title (搜索 网站地图 设置首页)."""
    max_menu_word: int = 4
    """Longest word of such a menu line."""
    title_match_share: float = 0.8
    """A heading is the headline the page title names when the longest run of characters they
    share covers this share of the shorter (and half of the longer)."""
    max_site_name: int = 16
    """Longest heading that can be a site's name (a logo's <h1>)."""

    def replace(self, **changes: Any) -> Rules:
        """These rules with some thresholds changed; TypeError names an unknown one or a wrong type."""
        known = {f.name: f.type for f in dataclasses.fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise TypeError(f"unknown rule setting {name!r} (known: {', '.join(sorted(known))})")
            wanted = float if known[name] == "float" else int
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (wanted is int
                                                                                  and not isinstance(value, int)):
                raise TypeError(f"rule setting {name!r} must be {'a number' if wanted is float else 'an integer'}, "
                                f"not {value!r}")
            if value < 0:
                raise TypeError(f"rule setting {name!r} must not be negative, not {value!r}")
        return dataclasses.replace(self, **changes)


#: The default thresholds.
RULES = Rules()
