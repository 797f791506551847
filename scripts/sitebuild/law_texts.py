"""关于 › 资料来源: the list of law texts the site holds, made from the registry (data/laws), so the page
names every text and the day each was last compared with its official source — never the build date.

The page has the line `<!-- law-texts -->` where the list goes.
"""
from __future__ import annotations

from collections.abc import Callable

from lawcite.registry import KINDS, LawVersion, Registry

PLACEHOLDER = "<!-- law-texts -->"


def fill_law_texts(markdown: str, registry: Registry, href: Callable[[str], str | None]) -> str:
    """The page with the placeholder line replaced by the list; `href(law_slug)` is the appendix page
    of a law the site cites (None: not cited, so the name is not a link)."""
    if PLACEHOLDER not in markdown:
        return markdown
    return markdown.replace(PLACEHOLDER, law_texts_markdown(registry, href))


def law_texts_markdown(registry: Registry, href: Callable[[str], str | None]) -> str:
    with_text = [v for versions in registry.laws.values() for v in versions if v.has_text]
    by_name = sorted(
        {versions[-1].law_slug: versions[-1] for versions in registry.laws.values() if not any(v.has_text for v in versions)}.values(),
        key=lambda v: v.title,
    )
    lines = [_text_line(v, href) for v in sorted(with_text, key=lambda v: (KINDS.index(v.kind), v.title, v.starts))]
    checked = sorted({v.checked for v in with_text})
    span = checked[0].isoformat() if len(checked) == 1 else f"{checked[0].isoformat()} 至 {checked[-1].isoformat()}"
    out = [
        f"本站收录了 {len(with_text)} 个法律文本的全文（每个文本最后一次与官方来源核对的日期：{span}；"
        "每个文本对照的是什么，写在括号里）：",
        "",
        *lines,
    ]
    if by_name:
        names = "、".join(f"《{v.title}》" for v in by_name)
        out += ["", f"只登记了名称、没有收录全文的：{names}。它们已经废止，本站只用来提示“此法已失效”。"]
    return "\n".join(out)


def _text_line(v: LawVersion, href: Callable[[str], str | None]) -> str:
    link = href(v.law_slug)
    name = f"[《{v.title}》]({link})" if link else f"《{v.title}》"
    period = f"{v.effective.isoformat()} 起施行" if v.effective else "施行日期未知"
    if v.ends is not None:
        period += f"，{v.ends.isoformat()} 起失效"
    return f"- {name}（{period}；{v.checked.isoformat()} 核对。对照：{v.checked_against}）"
