"""Credits: the editor chain, bylines, datelines and reporter brackets."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ..models import Credit, CreditRole
from ..settings import MAX_CREDIT_LINE, MAX_CREDIT_RUN, MAX_INFO_ITEMS_LINE, MAX_PLAIN_NAME
from ..vocab import (
    BULLET_BYLINE,
    BULLETS,
    CLOSING_CREDIT,
    CREDIT_LABEL,
    CREDIT_LABELS,
    CREDIT_LEAD_FIRST,
    CREDIT_LEAD_WIDGETS,
    DATELINE_CREDIT,
    INFO_ITEM,
    INTERN_LABELS,
    INTERN_MARK,
    NAME_NOTE,
    NAME_SPLIT,
    OUTLET_ENDINGS,
    OUTLET_LABEL,
    REVIEW_LEVELS,
    STAFF_ID,
)
from .spaces import SPACE, strip

__all__ = [
    "EDITOR_CHAIN", "RawCredit", "closing_credit", "dateline_credit", "info_line_credits", "parse_credit_run",
    "parse_credits",
]

#: Roles of the editing desk: a line of these closes the article body.
EDITOR_CHAIN = frozenset(
    {
        CreditRole.EDITOR,
        CreditRole.RESPONSIBLE_EDITOR,
        CreditRole.SUBMITTER,
        CreditRole.APPROVER,
        CreditRole.REVIEWER,
        CreditRole.PROOFREADER,
    }
)

_HAN_NAME = regex.compile(r"^\p{Han}[\p{Han}·•．・]{1,14}$")
_LATIN_NAME = regex.compile(r"^[A-Za-z][A-Za-z .'\-]{1,29}$")
_SPACES = regex.compile(r"[\s\ufeff]+")
_WRAPPED = regex.compile(r"^[(（【\[](?P<inner>.*)[)）】\]]$", regex.DOTALL)
_SINGLE_HAN = regex.compile(r"^\p{Han}$")
_LABEL_SEPARATOR = regex.compile(r"[:：/／︱｜]")


#: A credit run starts with a label or a bracket around one.
_FIRST_CHARS = frozenset({label[0] for label in CREDIT_LABELS} | set("(（【["))
#: The last character of an outlet named before a label (OUTLET_LABEL): the second to the ninth
#: character of such a run is one of them, and a line without one is no such run (told in C).
_OUTLET_ENDS = frozenset(OUTLET_ENDINGS)


@dataclass(frozen=True, slots=True)
class RawCredit:
    role: CreditRole
    label: str
    names: tuple[str, ...]
    interns: tuple[str, ...] = ()
    level: int | None = None

    def credit(self) -> Credit:
        """The model an Article holds."""
        return Credit(role=self.role, label=self.label, names=list(self.names), interns=list(self.interns),
                      level=self.level)


def _plausible(name: str) -> bool:
    """A person's name: 2–15 Han characters (· allowed) or a short Latin name.

    >>> [_plausible(n) for n in ("王乐文", "方敏", "104363", "阿卜力克木·买买提", "这是一整句话而不是一个人的名字吧")]
    [True, True, False, True, False]
    """
    if _HAN_NAME.match(name):
        return len(name) <= MAX_PLAIN_NAME or any(c in name for c in "·•．・")
    return bool(_LATIN_NAME.match(name))


def _is_label(token: str) -> bool:
    """A credit label printed among the names (记者, 通讯员), or one behind its outlet (本网记者,
    新华社记者): a role word, never a person's name.

    >>> [_is_label(t) for t in ("记者", "本网记者", "新华社记者", "张三", "记者张三")]
    [True, True, True, False, False]
    """
    if token in CREDIT_LABELS:
        return True
    outlet = OUTLET_LABEL.match(token) if not _OUTLET_ENDS.isdisjoint(token[1:9]) else None
    return outlet is not None and outlet.end() == len(token)


def _tokens(chunk: str) -> list[str] | None:
    """The words of one chunk of names: a Latin name whole; Han words at spaces, two single
    characters padded apart for alignment (方  敏) joined; None for a single character left over."""
    if _LATIN_NAME.match(chunk):
        return [_SPACES.sub(" ", chunk)]
    tokens: list[str] = []
    pending = ""
    for token in _SPACES.split(chunk):
        if not token:
            continue
        if _SINGLE_HAN.match(token):
            if pending:
                tokens.append(pending + token)
                pending = ""
            else:
                pending = token
            continue
        if pending:
            return None
        tokens.append(token)
    return None if pending else tokens


def _split_names(text: str) -> tuple[list[str], list[str]] | None:
    """Names and interns of one label's segment, or None if it is not a list of names."""
    names: list[str] = []
    interns: list[str] = []
    for chunk in NAME_SPLIT.split(strip(text)):
        chunk = strip(chunk)
        if not chunk:
            continue
        intern = bool(INTERN_MARK.search(chunk))
        if intern:
            chunk = INTERN_MARK.sub(" ", chunk).strip()
        if chunk[-1:] in ")）":
            chunk = strip(NAME_NOTE.sub("", chunk))  # 王明（示例大学教授）: the name, not its holder's post
        if "_" in chunk:
            chunk = STAFF_ID.sub("", chunk)  # 王晓_NBJ11279: a portal's staff id
        tokens = _tokens(chunk)
        if tokens is None:
            return None
        for token in tokens:
            if _is_label(token):
                continue  # 作者：记者 张三, 作者：本网记者 赵六: the label word is no name
            if not _plausible(token):
                return None
            names.append(token)
        if intern and tokens:
            interns.append(tokens[-1])
    return names, interns


def parse_credit_run(text: str) -> tuple[RawCredit, ...] | None:
    """Parse a whole block as credits, or return None if it is anything else.

    >>> [(c.role.value, c.label, c.names) for c in parse_credit_run("( 編輯:馮愛齡\\xa0\\xa0送簽:馮愛齡 )")]
    [('editor', '編輯', ('馮愛齡',)), ('submitter', '送簽', ('馮愛齡',))]
    >>> [(c.label, c.names) for c in parse_credit_run("本报记者  王乐文  方  敏")]
    [('本报记者', ('王乐文', '方敏'))]
    >>> parse_credit_run("记者会上，他说。") is None
    True
    """
    if len(text) > MAX_CREDIT_LINE or not text:  # checked before the cache: it holds short keys only
        return None
    return _parse_credit_run(text)


def _bullet_byline(text: str) -> tuple[RawCredit, ...] | None:
    """■王乐文 方敏: names after a bullet, the article's authors."""
    byline = BULLET_BYLINE.match(strip(text))
    if not byline:
        return None
    people = tuple(n for n in NAME_SPLIT.split(byline["names"].replace(" ", "、")) if n)
    return (RawCredit(CreditRole.AUTHOR, strip(text)[0], people),)


def _credit_body(text: str) -> str | None:
    """The text of a credit run without bullets, leading page-tool words ([纠错]) and the
    brackets around it; None when it cannot be one (too long, no label first)."""
    body = strip(BULLETS.sub("", text))
    if body[:1] in CREDIT_LEAD_FIRST:
        body = CREDIT_LEAD_WIDGETS.sub("", body)
    if len(body) > MAX_CREDIT_RUN or not body:
        return None
    if body[0] not in _FIRST_CHARS and (_OUTLET_ENDS.isdisjoint(body[1:9]) or not OUTLET_LABEL.match(body)):
        return None
    wrapped = _WRAPPED.match(body)
    return strip(wrapped.group("inner")) if wrapped else body


def _labelled(body: str) -> list[RawCredit] | None:
    """One credit for each label of ``body`` (which starts with one), names running to the next."""
    matches = list(CREDIT_LABEL.finditer(body))
    if not matches or matches[0].start() != 0:
        return None
    credits: list[RawCredit] = []
    for i, match in enumerate(matches):
        label = match.group("label") or match.group("review") or match.group("short")
        printed = (match.group("outlet") or "") + label  # 松花江网编辑: the outlet's editor
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        split = _split_names(body[match.end() : end])
        if split is None:
            return None
        names, interns = split
        if label in INTERN_LABELS or printed in INTERN_LABELS:
            interns = list(names)
        credits.append(RawCredit(CREDIT_LABELS[label], printed, tuple(names), tuple(interns),
                                 REVIEW_LEVELS.get(label)))
    return credits


@functools.lru_cache(maxsize=8192)
def _parse_credit_run(text: str) -> tuple[RawCredit, ...] | None:
    byline = _bullet_byline(text)
    if byline is not None:
        return byline
    body = _credit_body(text)
    credits = _labelled(body) if body is not None else None
    if body is None or credits is None:
        return None
    # a bare label with nothing after it ("编辑：") is still a credit line,
    # but a lone word that happens to be a label ("记者") is not
    if not any(c.names for c in credits) and len(credits) == 1 and not _LABEL_SEPARATOR.search(body):
        return None
    return tuple(credits)


def _item_value(text: str) -> str:
    """An info line item's value without the spaces, bars and brackets around it ([责任编辑：孙泽]);
    a closing bracket stays when the value opens it (李华（示例研究院研究员）).

    >>> _item_value(" 孙泽] "), _item_value("李华（研究员）")
    ('孙泽', '李华（研究员）')
    """
    value = text.strip(SPACE + "|｜").lstrip("[【(（")
    while value[-1:] in _CLOSERS and value.count(_OPENER[value[-1]]) < value.count(value[-1]):
        value = value[:-1].rstrip(SPACE + "|｜")
    return value


_OPENER = {"]": "[", "】": "【", ")": "(", "）": "（"}
_CLOSERS = "]】)）"


def info_line_credits(text: str) -> tuple[RawCredit, ...]:
    """The credits among the labelled items of an info line, each item running to the
    next label: ``来源：中国军网 作者：王永文 责任编辑：孙泽 发布：2026-05-10`` gives the
    author and the responsible editor. An item whose text is not a list of names
    (or is empty, ``作者：``) gives nothing.

    >>> line = "来源：中国军网-解放军报 作者：王永文 责任编辑：孙泽 发布：2026-05-10 06:30:46"
    >>> [(c.role.value, c.names) for c in info_line_credits(line)]
    [('author', ('王永文',)), ('responsible_editor', ('孙泽',))]
    """
    if len(text) > MAX_INFO_ITEMS_LINE:
        return ()
    items = list(INFO_ITEM.finditer(text))
    found: list[RawCredit] = []
    for i, match in enumerate(items):
        label = match.group("label")
        role = CREDIT_LABELS.get(label)
        if role is None:
            continue
        end = items[i + 1].start() if i + 1 < len(items) else len(text)
        split = _split_names(_item_value(text[match.end() : end]))
        if split is None or not split[0]:
            continue
        names, interns = split
        interns = names if label in INTERN_LABELS else interns
        found.append(RawCredit(role, label, tuple(names), tuple(interns), REVIEW_LEVELS.get(label)))
    return tuple(found)


def dateline_credit(text: str) -> tuple[str, tuple[RawCredit, ...]] | None:
    """The dateline opening a paragraph and its bracketed credit: 本报讯（记者叶婉）."""
    match = DATELINE_CREDIT.match(text)
    if not match:
        return None
    credits = parse_credit_run(match.group("credit"))
    if not credits:
        return None
    return match.group("dateline"), credits


def closing_credit(text: str) -> tuple[RawCredit, ...] | None:
    """A bracketed credit closing a paragraph: …。（记者宋晨、田中全）."""
    match = CLOSING_CREDIT.search(text)
    if not match or match.start() == 0:
        return None
    return parse_credit_run(match.group("credit"))


def parse_credits(text: str) -> list[Credit]:
    """The credits one line prints, roles normalised: a credit run (（责任编辑：王乐文）,
    本报记者 王乐文 方  敏, ■春春) or the labelled items of an info line (来源：… 作者：…
    责任编辑：…); ``[]`` when it prints none. Labels without names are left out.

    >>> [(c.role.value, c.names) for c in parse_credits("( 編輯:馮愛齡  送簽:馮愛齡 )")]
    [('editor', ['馮愛齡']), ('submitter', ['馮愛齡'])]
    >>> [(c.role.value, c.level, c.names) for c in parse_credits("来源：中国军网 初审：张三 终审：李四")]
    [('reviewer', 1, ['张三']), ('reviewer', 3, ['李四'])]
    >>> parse_credits("记者会上，他说。")
    []
    """
    raw = parse_credit_run(text)
    if raw is None:
        raw = info_line_credits(text)
    return [c.credit() for c in raw if c.names]
