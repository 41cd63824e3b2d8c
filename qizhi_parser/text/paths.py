"""Path lines (breadcrumbs) as printed: 人民网 >> 经济·科技, 当前位置：首页｜专访, 新华网 正文."""

from __future__ import annotations

from ..settings import RULES
from ..vocab import CRUMB_ARTICLE_STEP, CRUMB_LINE, CRUMB_PREFIX, CRUMB_SEP, CRUMB_SEP_LABELLED, CRUMB_TEXT_END
from .spaces import squash

__all__ = ["is_path_line", "path_steps"]

#: Characters that separate a path's steps: a part made of them alone (首页 / 本地新闻 / 正文, set
#: apart by spaces) is a separator, never a step.
_SEPARATOR_CHARS = "/／|｜·•-–—>＞»›→ "


def path_steps(text: str, single: bool = False, max_step: int = RULES.max_crumb_step) -> list[str] | None:
    """The steps of a path line, or None when the line is not one. ``single``: one step is
    enough (the line is known to be a path by its markup).

    >>> path_steps("当前位置： 首页｜新华社记者看东北｜人物专访"), path_steps("新华网 正文")
    (['首页', '新华社记者看东北', '人物专访'], ['新华网'])
    >>> path_steps("您所在的位置 首页 专题频道 新春走基层2022")
    ['首页', '专题频道', '新春走基层2022']
    >>> path_steps("首页 > 科技 > 正文"), path_steps("首页 / 本地新闻 / 正文"), path_steps("这不是一个路径。")
    (['首页', '科技'], ['首页', '本地新闻'], None)
    """
    parts, marked = _split(squash(text))
    parts = [p for p in parts if p and p.strip(_SEPARATOR_CHARS)]  # a lone / or | between steps is none
    if parts and parts[-1] == CRUMB_ARTICLE_STEP:
        parts.pop()
    if not parts or any(len(p) > max_step or "。" in p for p in parts):
        return None
    return parts if len(parts) >= 2 or single or marked else None


def _split(text: str) -> tuple[list[str], bool]:
    """The parts of a line cut at its path separators, and whether the line says it is a
    path (a 当前位置 label, a closing 正文), so that one part is enough."""
    labelled = CRUMB_PREFIX.match(text)
    if labelled:
        rest = text[labelled.end() :]
        if not CRUMB_SEP_LABELLED.search(rest):  # 您所在的位置 首页 专题频道 国内专题: steps set apart by spaces
            return rest.split(), True
        return [squash(p) for p in CRUMB_SEP_LABELLED.split(rest)], True
    ending = CRUMB_TEXT_END.match(text)
    if ending and not CRUMB_SEP.search(text):
        return ending["path"].split(" "), True
    return [squash(p) for p in CRUMB_SEP.split(text)], ending is not None


def is_path_line(text: str) -> bool:
    """A line shaped as a breadcrumb: 人民网 >> 文化, 当前位置：首页｜专访, 新华网 正文.

    >>> is_path_line("人民网 >> 文化"), is_path_line("今天天气很好。")
    (True, False)
    """
    text = squash(text)
    # each shape needs a separator, its label's 位置 or the closing 正文: told in C first
    if not (">" in text or "＞" in text or "»" in text or "→" in text or "位置" in text or text.endswith("正文")):
        return False
    return bool(CRUMB_LINE.match(text) or CRUMB_PREFIX.match(text) or CRUMB_TEXT_END.match(text))
