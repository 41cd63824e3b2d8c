"""A second, independent plain-text dump: inscriptis, a maintained HTML-to-text renderer.

It renders as a text browser does, and unlike ``tests/_textdump.py`` it keeps
elements hidden with CSS (it ignores style attributes), prints list items without
bullets and in places puts blocks on consecutive lines with no blank line between.
"""

from __future__ import annotations

from inscriptis import get_text
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig

from qizhi_parser.decode import decode

_CONFIG = ParserConfig(css=CSS_PROFILES["strict"], display_images=False, display_links=False)


def render(data: bytes) -> str:
    return str(get_text(decode(data).text, _CONFIG))
