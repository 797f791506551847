"""更新记录: the dates the site tracks, newest first, generated at build time where a page has the line
`<!-- updates -->` (docs/about/updates.md).

Nothing is written twice: each page's `reviewed` date comes from its front matter, each law version's
effective date (and the day a law was repealed) from the law registry (data/laws). A version registered
before it takes effect is listed at the top as coming. The page's own text (what changed on the site, in
words) is written by hand above the marker; the list goes at the marker, which must be the page's last
citation-free section (the lines below it move down).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from lawcite.frontmatter import front_matter, reviewed_date
from lawcite.registry import LawVersion, Registry

PLACEHOLDER = "<!-- updates -->"
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class PageDate:
    src_uri: str
    title: str
    reviewed: date


@dataclass(frozen=True, slots=True)
class Event:
    day: date
    text: str       # Markdown, one list item's text
    order: int = 0  # events of one day: pages reviewed, then laws


def page_dates(pages: Iterable[tuple[str, str]]) -> list[PageDate]:
    """(src_uri, file text) pairs -> each page with a valid reviewed date, with its title (front matter
    `title`, else its first level-1 heading, else its address)."""
    out = []
    for src_uri, text in pages:
        try:
            reviewed = reviewed_date(text)
        except ValueError:
            continue  # sitebuild.hooks warns about the malformed date
        if reviewed is None:
            continue
        h1 = _H1.search(text)
        title = str(front_matter(text).get("title") or (h1.group(1) if h1 else src_uri))
        out.append(PageDate(src_uri, title, reviewed))
    return out


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]|#<])", r"\\\1", text)


def _book_title(title: str) -> str:
    """《…》 around a title, a title inside it in 〈…〉 (《关于适用〈中华人民共和国民事诉讼法〉的解释》)."""
    return "《" + _md(title.replace("《", "〈").replace("》", "〉")) + "》"


def page_events(pages: list[PageDate]) -> list[Event]:
    by_day: dict[date, list[PageDate]] = {}
    for p in pages:
        by_day.setdefault(p.reviewed, []).append(p)
    # one page a line (a nested list): each link is easy to tap on a phone
    return [
        Event(day, f"本站核对了 {len(ps)} 页：\n" + "\n".join(
            f"    - [{_md(p.title)}](/{p.src_uri})" for p in sorted(ps, key=lambda p: p.src_uri)))
        for day, ps in by_day.items()
    ]


def law_events(registry: Registry, today: date, law_link: Callable[[str], str | None]) -> list[Event]:
    """Each registered version's effective date, each repealed law's end; `law_link(slug)`: the address of
    the law's appendix page, or None when the site has none (the law is not cited)."""
    events = []
    for slug, versions in registry.laws.items():
        href = law_link(slug)
        name = _book_title(versions[-1].title)
        name = f"[{name}]({href})" if href else name
        for i, v in enumerate(versions):
            if v.effective is not None:
                events.append(Event(v.effective, _took_effect(name, v, earlier=i > 0, today=today), order=1))
        last = versions[-1]
        if last.end_reason == "repealed" and last.ends is not None:
            successor = registry.successor_of(last)
            by = f"，由{_book_title(successor.title)}取代" if successor is not None else ""
            events.append(Event(last.ends, f"{name}废止{by}。", order=2))
    return events


def _took_effect(name: str, v: LawVersion, *, earlier: bool, today: date) -> str:
    adopted = f"（{v.adopted.isoformat()} 通过或修改）" if v.adopted else ""
    text = "修改后的文本" if earlier else "本站收录的文本"
    if v.starts > today:
        return f"{name}{text}将于这一天起施行{adopted}；本站引用它的页面届时按新文本复核。"
    replaced = "，此前的文本同日失效" if earlier else ""
    return f"{name}{text}起施行{adopted}{replaced}。"


def timeline_markdown(events: Iterable[Event], today: date) -> str:
    """A list, newest first: `- **2026-11-30**：本站核对了 …`; a date after `today` is marked as still to come."""
    lines = []
    for e in sorted(events, key=lambda e: (-e.day.toordinal(), e.order, e.text)):
        coming = "（尚未到来）" if e.day > today else ""
        lines.append(f"- **{e.day.isoformat()}**{coming}：{e.text}")
    return "\n".join(lines)


def replace_placeholder(markdown: str, events: Callable[[], Iterable[Event]], today: date) -> str:
    """The page's Markdown with the marker line replaced by the list (events computed only when needed)."""
    lines = markdown.split("\n")
    if PLACEHOLDER not in (ln.strip() for ln in lines):
        return markdown
    listing = timeline_markdown(events(), today)
    return "\n".join(listing if ln.strip() == PLACEHOLDER else ln for ln in lines)
