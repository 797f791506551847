"""From a checked citation to its place in the law appendix: anchor, URL and hover text.

Shared by the Markdown extension (the link on the citing page) and the appendix generator (the
entry the link points to), so both agree on which version and article a citation lands on.

Anchors: the newest version of a law gets `art-674`, `art-293-1`; an older version of the same law
gets `v2013-art-42` (v + the year its text took effect), all on the page `<base><law_slug>.md`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import frontmatter
from .articles import cited_label as cited_label
from .builddate import build_date
from .changes import coming_change
from .check import check_citations
from .extract import find_citations
from .models import Citation, Finding
from .preview import PREVIEW_CHARS, preview_text
from .registry import LawVersion, Registry, default_registry_path, load_registry

TITLE_CHARS = PREVIEW_CHARS


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Where one citation points: a version's article in the appendix."""

    version: LawVersion
    key: str        # registry article key: "674", "293-1"
    anchor: str     # "art-674", "v2013-art-42"
    href: str       # "/laws/minfadian.md#art-674"
    title: str      # hover text


def article_anchor(registry: Registry, version: LawVersion, key: str) -> str:
    """The appendix anchor of `key` in `version` (see the module docstring)."""
    if version is registry.latest(version.law_slug) or version.effective is None:
        return f"art-{key}"
    return f"v{version.effective.year}-art-{key}"


def page_href(base: str, law_slug: str, suffix: str = ".md") -> str:
    """'/laws/' + 'minfadian' -> '/laws/minfadian.md' (the appendix page of a law)."""
    return f"{base.rstrip('/')}/{law_slug}{suffix}"


def resolve(finding: Finding, registry: Registry) -> tuple[LawVersion, str] | None:
    """The (version, article key) a finding's citation lands on, or None when it cannot be linked.

    Errors are not linked (the page must be fixed first). A citation whose version the registry
    knows but whose article cannot be checked (a repealed law without text) is still linkable.
    """
    c = finding.citation
    if finding.severity == "error" or c.law_slug is None or c.law_slug not in registry.laws:
        return None
    version = registry.versions_by_date(c.law_slug, finding.version)
    if version is None:
        return None
    if version.has_article(c.article_key) is False:
        return None
    return version, c.article_key


def link_target(
    finding: Finding,
    registry: Registry,
    *,
    base: str = "/laws/",
    suffix: str = ".md",
    title_chars: int = TITLE_CHARS,
    today: date | None = None,
) -> LinkTarget | None:
    """The appendix link for one checked citation, or None (see `resolve`). `today`: the build date
    (lawcite.builddate) that decides which registered versions are still to come."""
    resolved = resolve(finding, registry)
    if resolved is None:
        return None
    version, key = resolved
    anchor = article_anchor(registry, version, key)
    # lawcite.changes: a registered version not yet in force changes this article (note in the tooltip)
    coming = coming_change(registry, version, key, today or build_date())
    return LinkTarget(
        version=version,
        key=key,
        anchor=anchor,
        href=f"{page_href(base, version.law_slug, suffix)}#{anchor}",
        title=tooltip(version, finding.citation, title_chars, note=coming.note if coming else None),
    )


def paragraphs(version: LawVersion, key: str) -> list[list[str]]:
    """The article's text as paragraphs, each a list of lines (its opening line, then its items).

    The registry holds one line per paragraph or item; `structure` (items per paragraph) groups
    them. When structure is missing or does not add up, every line is its own paragraph.
    """
    text = version.articles.get(key)
    if text is None:
        return []
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    shape = version.structure.get(key)
    if not shape or sum(1 + n for n in shape) != len(lines):
        return [[ln] for ln in lines]
    out: list[list[str]] = []
    i = 0
    for items in shape:
        out.append(lines[i:i + 1 + items])
        i += 1 + items
    return out


def excerpt(text: str, chars: int = TITLE_CHARS) -> str:
    """The first `chars` characters, with … when cut."""
    return text if len(text) <= chars else text[:chars].rstrip() + "…"


def tooltip(version: LawVersion, c: Citation, chars: int = TITLE_CHARS, *, note: str | None = None) -> str:
    """《民法典》第一千零三十二条：自然人享有隐私权。 — the cited unit (lawcite.preview), never cut inside a line.
    A note goes after the label: 《治安管理处罚法》第四十二条（自 2026-01-01 起，本条将改为第五十条）：…"""
    head = f"《{version.short}》{cited_label(c)}" + (f"（{note}）" if note else "") + "："
    paras = paragraphs(version, c.article_key)
    if not paras:
        if version.ends is not None and version.end_reason == "repealed":
            return f"{head}本站未收录该条原文；《{version.short}》已于 {version.ends.isoformat()} 废止。"
        return f"{head}本站未收录该条原文。"
    return head + preview_text(version, c, chars)


# --- one registry per build ---------------------------------------------------------------------

_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], float, Registry]] = {}
RECHECK_SECONDS = 1.0  # the registry files are looked at (stat) at most this often


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted(folder.glob("*.md")) + sorted(folder.glob("*.yaml")) + [folder.parent / "lawcite.yaml"]
    out = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        out.append((f.name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def cached_registry(path: Path | str | None = None) -> Registry:
    """load_registry, loaded once and reused until a registry file changes (mkdocs serve; the files are
    looked at again at most once every RECHECK_SECONDS).

    MkDocs builds a new Markdown instance for every page, so without this the registry would be
    parsed once per page. Raises RegistryError like load_registry.
    """
    import time

    folder = Path(path).resolve() if path is not None else default_registry_path().resolve()
    hit = _CACHE.get(folder)
    now = time.monotonic()
    if hit is not None and now - hit[1] < RECHECK_SECONDS:
        return hit[2]  # a build converts every page within moments: no need to look at the files again
    sig = _signature(folder)
    if hit is not None and hit[0] == sig:
        _CACHE[folder] = (sig, now, hit[2])
        return hit[2]
    registry = load_registry(folder)
    _CACHE[folder] = (sig, now, registry)
    return registry


# --- one check per page text ---------------------------------------------------------------------

_CHECKED: dict[tuple[str, date], tuple[Registry, list[Finding]]] = {}
_CHECKED_MAX = 1024


def checked_citations(text: str, registry: Registry, as_of: date) -> list[Finding]:
    """find_citations + check_citations (quotations included) on Markdown, memoised.

    The appendix scan (on_files) and the Markdown extension see the same page text, so the second
    call per page is a dictionary lookup instead of a second extraction and check.
    """
    key = (text, as_of)
    hit = _CHECKED.get(key)
    if hit is not None and hit[0] is registry:
        return hit[1]
    findings = check_citations(find_citations(text, registry, markdown=True), registry, as_of, text=text, previews=True)
    if len(_CHECKED) >= _CHECKED_MAX:
        _CHECKED.clear()
    _CHECKED[key] = (registry, findings)
    return findings


def markdown_body(source: str, tab_length: int = 4) -> tuple[str, int]:
    """The text Python-Markdown's preprocessors hand on for a page file, and the lines cut off.

    Mirrors MkDocs (YAML front matter and the blank lines after it removed) and Python-Markdown's
    whitespace normalisation (line endings, tabs, whitespace-only lines, the two trailing newlines),
    so `checked_citations` is computed once per page. Returns (body, front-matter line count).
    """
    fm = frontmatter.split(source)
    offset = 0
    if fm.yaml is not None:
        rest = source[fm.body_start:].lstrip("\n")
        offset = source[: len(source) - len(rest)].count("\n")
        source = rest
    return normalise_whitespace(source, tab_length), offset


def normalise_whitespace(text: str, tab_length: int = 4) -> str:
    """What markdown.preprocessors.NormalizeWhitespace makes of `text` (lines kept)."""
    text = text.replace("\x02", "").replace("\x03", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
    text = text.expandtabs(tab_length)
    return re.sub(r"(?<=\n) +\n", "\n", text)
