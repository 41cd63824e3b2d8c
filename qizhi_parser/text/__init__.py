"""String in, value out: the readings of printed text that need no page.

Credit runs (:func:`parse_credits`), printed times (:func:`read_time`), URLs
(:func:`url_info`, :func:`safe_url`), path lines, page titles, sources, the edition line,
spaces and script. Everything above (``layout/``, ``fields/``) reads strings through
these; users may import them on their own:

>>> from qizhi_parser.text import parse_credits, read_time
>>> [(c.role.value, c.names) for c in parse_credits("（责任编辑：王乐文）")]
[('responsible_editor', ['王乐文'])]
>>> read_time("2024-05-10 06:58")[1]
'minute'
"""

from __future__ import annotations

from .credits import parse_credits
from .edition import read_edition
from .paths import is_path_line, path_steps
from .script import detect_script
from .sources import is_reprint, printed_source
from .spaces import collapse, scrub, squash, strip_indent
from .times import plausible, read_time
from .titles import strip_site_suffix
from .urls import safe_url, url_info

__all__ = [
    "collapse",
    "detect_script",
    "is_path_line",
    "is_reprint",
    "parse_credits",
    "path_steps",
    "plausible",
    "printed_source",
    "read_edition",
    "read_time",
    "safe_url",
    "scrub",
    "squash",
    "strip_indent",
    "strip_site_suffix",
    "url_info",
]
