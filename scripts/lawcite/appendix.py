"""The law appendix (法条附录), generated from the registry and one scan of the site's pages.

    cited = scan_pages([(src_uri, markdown), ...], registry, default_as_of=date.today())
    pages = appendix_pages(registry, cited, today=..., reviewed=..., base="/laws/")
    # -> {"laws/minfadian.md": "---\nreviewed: …\n---\n# 中华人民共和国民法典\n…", ...}
    table = index_table(registry, cited, today=..., base="/laws/")   # for laws/index.md

One page per cited law (law_slug): title, issuer, dates, status, official source, then every cited
article — the newest version's first (`{#art-674}`), older versions' after (`{#v2013-art-42}`) —
with its text, version, status and 本站引用 backlinks to each citing page and section. Laws the site
does not cite get no page; they are listed (with status, successor and source) in the index table.

Section anchors are computed by rendering the page's headings with Python-Markdown's toc extension
and the site's slugify, so they are the ids the real page gets (duplicates get _1, _2 like toc).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from typing import Any

import markdown

from .articles import ArticleRef, key_label
from .changes import coming_change
from .frontmatter import BadDateError, front_matter, reviewed_date
from .headings import find_headings
from .links import article_anchor, checked_citations, markdown_body, page_href, paragraphs, resolve
from .registry import LawVersion, Registry
from .registry import targets as registry_targets

KIND_ORDER = ("法律", "行政法规", "司法解释")
INDEX_MARKER = "<!-- law-index -->"
OFFICIAL_DATABASE = "https://flk.npc.gov.cn/"


@dataclass(frozen=True, slots=True)
class Heading:
    line: int       # 1-based line in the text given
    level: int
    title: str      # rendered text, markup removed
    anchor: str     # the id toc gives it


@dataclass(frozen=True, slots=True)
class Backlink:
    """One place on the site that cites an article."""

    src_uri: str                # legality/limits.md
    page_title: str
    section_title: str | None   # None: before the first subheading
    anchor: str | None
    line: int


@dataclass
class CitedArticles:
    """(version id, article key) -> the places citing it, in page order."""

    by_article: dict[tuple[str, str], list[Backlink]] = field(default_factory=dict)

    def add(self, version_id: str, key: str, link: Backlink) -> None:
        places = self.by_article.setdefault((version_id, key), [])
        if not any(p.src_uri == link.src_uri and p.anchor == link.anchor for p in places):
            places.append(link)

    def laws(self, registry: Registry) -> set[str]:
        return {registry.versions[vid].law_slug for vid, _ in self.by_article}

    def articles_of(self, version: LawVersion) -> list[str]:
        keys = [k for vid, k in self.by_article if vid == version.id]
        return sorted(keys, key=ArticleRef.parse)


def default_slugify() -> Callable[..., str]:
    """The site's slugify (mkdocs.yml: pymdownx.slugs.slugify(case="lower"))."""
    from pymdownx.slugs import slugify

    return slugify(case="lower")


def reviewed_of(text: str) -> date | None:
    """The page's reviewed date, or None when it has none or a malformed one (the hooks warn)."""
    try:
        return reviewed_date(text)
    except BadDateError:
        return None


def page_headings(text: str, slugify: Callable[..., str] | None = None) -> list[Heading]:
    """The page's headings (lawcite.headings), with the ids toc gives them."""
    found = find_headings(text)
    if not found:
        return []
    md = markdown.Markdown(
        extensions=["toc", "attr_list"],
        extension_configs={"toc": {"slugify": slugify or default_slugify()}},
    )
    md.convert("\n\n".join(f"{'#' * h.level} {h.source}" for h in found))
    tokens = _flatten(getattr(md, "toc_tokens", []))
    if len(tokens) != len(found):
        return []
    return [Heading(h.line, h.level, tok["name"], tok["id"]) for h, tok in zip(found, tokens)]


def _flatten(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for t in tokens:
        out.append(t)
        out.extend(_flatten(t.get("children", [])))
    return out


def scan_pages(
    pages: Iterable[tuple[str, str]],
    registry: Registry,
    *,
    default_as_of: date,
    slugify: Callable[..., str] | None = None,
) -> CitedArticles:
    """Find, check and resolve every citation of every page: (src_uri, file text) pairs.

    Each page is judged at its own `reviewed` date (front matter), else `default_as_of`, exactly
    as the Markdown extension judges it, so a backlink exists for every link the extension makes.
    """
    cited = CitedArticles()
    slug_fn = slugify or default_slugify()
    for src_uri, text in pages:
        # Checked on the text the Markdown extension will see (front matter removed, whitespace
        # normalised), so the extension's own check of the page is a cache hit.
        body, offset = markdown_body(text)
        findings = checked_citations(body, registry, reviewed_of(text) or default_as_of)
        if not findings:
            continue
        headings = page_headings(body, slug_fn)
        h1 = next((h for h in headings if h.level == 1), None)
        page_title = str(front_matter(text).get("title") or (h1.title if h1 else src_uri))
        for f in findings:
            resolved = resolve(f, registry)
            if resolved is None:
                continue
            version, key = resolved
            section = None
            for h in headings:
                if h.line > f.citation.line:
                    break
                section = h
            if section is None or section.level == 1:
                link = Backlink(src_uri, page_title, None, None, f.citation.line + offset)
            else:
                link = Backlink(src_uri, page_title, section.title, section.anchor, f.citation.line + offset)
            cited.add(version.id, key, link)
    return cited


# --- status --------------------------------------------------------------------------------------

def version_status(registry: Registry, v: LawVersion, day: date) -> str:
    """现行有效 / 尚未施行 / 已被修订 / 已废止 of one version on `day`, with the dates that decide it."""
    if v.effective is not None and day < v.effective:
        return f"尚未施行（{v.effective.isoformat()} 起施行）"
    if v.ends is None or day < v.ends:
        return "现行有效"
    succ = registry.successor_of(v)
    if v.end_reason == "revised":
        after = f"，由 {succ.label}取代" if succ and succ.effective else ""
        return f"已被修订（{v.ends.isoformat()} 起失效{after}）"
    after = f"，由《{succ.title}》取代" if succ else ""
    return f"已废止（{v.ends.isoformat()} 起{after}）"


def law_status(registry: Registry, slug: str, day: date) -> str:
    """The law as a whole on `day`: its version in force, else why none is."""
    v = registry.version_on(slug, day)
    if v is not None:
        return "现行有效"
    return version_status(registry, registry.latest(slug), day)


def checked_note(v: LawVersion) -> str:
    """When and against what a version's status was last compared: never the build date."""
    return f"{v.checked.isoformat()} 核对。对照：{_md_text(v.checked_against)}"


def short_status(v: LawVersion, day: date) -> str:
    """现行有效 / 尚未施行 / 已被修订 / 已废止: one version on `day`, in a word (the version table)."""
    if v.effective is not None and day < v.effective:
        return "尚未施行"
    if v.ends is None or day < v.ends:
        return "现行有效"
    return "已被修订" if v.end_reason == "revised" else "已废止"


def in_force_period(v: LawVersion) -> str:
    """2022-01-01 至 2023-12-31 (the last day before the next version), or 2024-01-01 起."""
    start = v.effective.isoformat() if v.effective else "—"
    if v.ends is None:
        return f"{start} 起"
    return f"{start} 至 {(v.ends - timedelta(days=1)).isoformat()}"


# --- pages ---------------------------------------------------------------------------------------

def ordered_slugs(registry: Registry, slugs: Iterable[str]) -> list[str]:
    """The laws of the settings' appendix_order (data/lawcite.yaml: 民法典, 刑法, 治安管理处罚法) first,
    then laws in force by kind and title, then repealed ones."""
    order = registry.appendix_order

    def rank(slug: str) -> tuple[int, int, int, str]:
        latest = registry.latest(slug)
        first = order.index(slug) if slug in order else len(order)
        repealed = 1 if latest.end_reason == "repealed" else 0
        kind = KIND_ORDER.index(latest.kind) if latest.kind in KIND_ORDER else len(KIND_ORDER)
        return first, repealed, kind, latest.title

    return sorted(set(slugs), key=rank)


def _md_text(s: str) -> str:
    """Text safe in a Markdown paragraph, link text or table cell."""
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", s).replace("<", "&lt;")


def _source_md(v: LawVersion) -> str:
    if v.source:
        return f"<{v.source}>"
    return "本站未找到官方网页"


def _source_link(v: LawVersion) -> str:
    """The official text as a named link (a table cell at 390 px has no room for the address)."""
    if not v.source:
        return "本站未找到官方网页"
    name = "国家法律法规数据库" if v.source.startswith(OFFICIAL_DATABASE) else "官方网页"
    return f"[{name}]({v.source})"


def law_page(
    registry: Registry,
    slug: str,
    cited: CitedArticles,
    *,
    today: date,
    reviewed: date,
    base: str = "/laws/",
    suffix: str = ".md",
) -> str:
    """The Markdown (front matter included) of one law's appendix page."""
    versions = registry.laws[slug]
    latest = versions[-1]
    out = ["---", f"reviewed: {reviewed.isoformat()}", "---", "", f"# {_md_text(latest.title)}", ""]
    out += [
        f"- 简称：{_md_text(latest.short)}",
        f"- 类别：{latest.kind}" + (f"；制定机关：{_md_text(latest.issuer)}" if latest.issuer else ""),
        f"- 状态：{law_status(registry, slug, today)}（{checked_note(latest)}）",
    ]
    # lawcite.changes: a version registered before it takes effect
    for v in versions:
        if v.effective is not None and v.effective > today:
            adopted = f"（{v.adopted.isoformat()} 通过或修改）" if v.adopted else ""
            out.append(f"- 即将施行：修改后的文本{adopted}自 {v.effective.isoformat()} 起施行；本站引用的条文会改动的，各条下面写明")
    if len(versions) == 1:
        dates = []
        if latest.adopted:
            dates.append(f"{latest.adopted.isoformat()} 通过或修订")
        if latest.effective:
            dates.append(f"{latest.effective.isoformat()} 起施行")
        if latest.ends:
            dates.append(f"{latest.ends.isoformat()} 起失效")
        if dates:
            out.append(f"- 日期：{'，'.join(dates)}")
        out.append(f"- 官方来源：{_source_md(latest)}")
        succ = registry.successor_of(latest)
        if succ is not None:
            out.append(f"- 取代它的法律：{_law_link(registry, succ.law_slug, cited, base, suffix)}")
    out.append("")
    if len(versions) > 1:
        out += ["## 版本", "", "| 施行期间 | 状态 | 核对日期 | 官方文本 |", "|---|---|---|---|"]
        for v in reversed(versions):
            status = short_status(v, today)
            out.append(f"| {in_force_period(v)} | {f'**{status}**' if status == '现行有效' else status} "
                       f"| {v.checked.isoformat()} | {_source_link(v)} |")
        out.append("")
    any_article = False
    for v in reversed(versions):
        keys = cited.articles_of(v)
        if not keys:
            continue
        any_article = True
        for key in keys:
            out += _article_block(registry, v, key, cited.by_article[(v.id, key)], today, cited)
    if not any_article:
        out += ["本站目前没有引用该法的条文。", ""]
    return "\n".join(out)


def _article_block(
    registry: Registry, v: LawVersion, key: str, places: list[Backlink], today: date, cited: CitedArticles,
) -> list[str]:
    anchor = article_anchor(registry, v, key)
    is_latest = v is registry.latest(v.law_slug)
    heading = key_label(key) if is_latest else f"{key_label(key)}（{v.label}）"
    out = [f"## {heading} {{#{anchor}}}", ""]
    paras = paragraphs(v, key)
    if paras:
        out.append('<div class="lawcite-article">')
        for para in paras:
            out.append("<p>" + "<br>\n".join(escape(line, quote=False) for line in para) + "</p>")
        out += ["</div>", ""]
    else:
        out += ["本站未收录该条原文" + (f"（见 {_source_md(v)}）" if v.source else "") + "。", ""]
    out.append(f"版本：{v.label}；状态：{version_status(registry, v, today)}")
    # lawcite.changes: a registered version not yet in force changes this article (the note says where it goes)
    coming = coming_change(registry, v, key, today)
    moved = f"**{coming.note}**" if coming is not None else _moved_to(registry, v, key, cited)
    if moved:
        out[-1] += f"；{moved}"
    out += ["", "本站引用：", ""]
    for p in places:
        target = f"/{p.src_uri}" + (f"#{p.anchor}" if p.anchor else "")
        label = _md_text(p.page_title) + (f" › {_md_text(p.section_title)}" if p.section_title else "")
        out.append(f"- [{label}]({target})")
    out.append("")
    return out


def _moved_to(registry: Registry, v: LawVersion, key: str, cited: CitedArticles) -> str:
    """For an older version's article: where it is in the version that renumbered it."""
    for newer in registry.laws[v.law_slug]:
        if newer.renumbered_from != v.id or key not in newer.article_map:
            continue
        targets = registry_targets(newer.article_map[key])
        if not targets:
            return f"{newer.label}中没有对应条文"
        labels = []
        for t in targets:
            label = key_label(t)
            if (newer.id, t) in cited.by_article:
                label = f"[{label}](#{article_anchor(registry, newer, t)})"
            labels.append(label)
        return f"在 {newer.label}中为{'、'.join(labels)}"
    return ""


def _law_link(registry: Registry, slug: str, cited: CitedArticles, base: str, suffix: str) -> str:
    title = _md_text(registry.title(slug))
    if slug in cited.laws(registry):
        return f"[{title}]({page_href(base, slug, suffix)})"
    return title


def appendix_pages(
    registry: Registry,
    cited: CitedArticles,
    *,
    today: date,
    reviewed: date,
    base: str = "/laws/",
    suffix: str = ".md",
    folder: str = "laws",
) -> dict[str, str]:
    """{"laws/<law_slug>.md": page markdown} for every cited law, in appendix order."""
    return {
        f"{folder}/{slug}.md": law_page(registry, slug, cited, today=today, reviewed=reviewed, base=base, suffix=suffix)
        for slug in ordered_slugs(registry, cited.laws(registry))
    }


def index_table(
    registry: Registry,
    cited: CitedArticles,
    *,
    today: date,
    base: str = "/laws/",
    suffix: str = ".md",
) -> str:
    """The table of every registered law for laws/index.md (at the <!-- law-index --> marker)."""
    out = [
        "| 法规 | 类别 | 状态 | 本站引用 | 官方来源 |",
        "|---|---|---|---|---|",
    ]
    for slug in ordered_slugs(registry, registry.laws):
        latest = registry.latest(slug)
        count = sum(1 for vid, _ in cited.by_article if registry.versions[vid].law_slug == slug)
        status = _md_text(law_status(registry, slug, today))
        succ = registry.successor_of(latest)
        if succ is not None and latest.end_reason == "repealed":
            status = f"已废止（{latest.ends.isoformat() if latest.ends else '?'} 起，由{_law_link(registry, succ.law_slug, cited, base, suffix)}取代）"
        status += f"（{latest.checked.isoformat()} 核对）"
        source = f"[官方文本]({latest.source})" if latest.source else "—"
        out.append(
            f"| {_law_link(registry, slug, cited, base, suffix)} | {latest.kind} | {status} "
            f"| {f'{count} 条' if count else '—'} | {source} |"
        )
    return "\n".join(out)
