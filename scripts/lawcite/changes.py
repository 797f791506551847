"""Law changes a page has not caught up with (stale pages), and changes still to come (coming versions).

A page is judged at its `reviewed` date. Two things can happen to the laws it cites after that day:

- **Stale.** A version of a cited law took effect after the page's reviewed date and on or before the
  build date (or the law was repealed in that time). The page then says what was true on its reviewed
  date, not what is true today: `page_staleness` says which laws, which versions, and which of the
  page's citations change (renumbered, removed, text changed, repealed). The build fails on it
  (one line per page, `stale_line`) and the page shows the reader a notice (`stale_notice`).
- **Coming.** A version is registered before it takes effect (adopted and published, effective date
  after the build date). A citation of an article that this version renumbers, removes or rewrites
  gets a note (`coming_change(...).note`): "自 2026-01-01 起，本条将改为第五十条". The citation layer
  puts it in the tooltip and the appendix, and the build lists it.

Everything is computed from the findings the citation layer already has for a page (no second reading
of the page) and the registry's versions and article maps.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .articles import key_label, labels
from .models import Finding
from .quotes import normalise
from .registry import LawVersion, Registry


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """What becomes of article `key` of `old` in the later version `new` of the same law."""

    old: LawVersion
    new: LawVersion
    key: str
    new_keys: tuple[str, ...]   # where the article is in `new`; () when nothing carries it on
    text_changed: bool

    @property
    def removed(self) -> bool:
        return not self.new_keys

    @property
    def renumbered(self) -> bool:
        return bool(self.new_keys) and self.new_keys != (self.key,)

    @property
    def kind(self) -> str:
        """renumbered, removed or text-changed (renumbered wins when both apply)."""
        if self.removed:
            return "removed"
        return "renumbered" if self.renumbered else "text-changed"

    @property
    def changes_anything(self) -> bool:
        return self.removed or self.renumbered or self.text_changed


def article_change(registry: Registry, old: LawVersion, key: str, new: LawVersion) -> ArticleChange | None:
    """None when `new` is not a later version of `old`'s law or the registry cannot tell (no text)."""
    moves = registry.moves(old, new)
    if moves is None or key not in moves[1]:
        return None
    new_keys = tuple(moves[1][key])
    old_text = old.articles.get(key)
    new_text = "".join(new.articles.get(k, "") for k in new_keys)
    text_changed = bool(new_keys) and old_text is not None and normalise(old_text) != normalise(new_text)
    return ArticleChange(old=old, new=new, key=key, new_keys=new_keys, text_changed=text_changed)


# --- coming changes -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ComingChange:
    """A registered version that is not in force yet changes a cited article."""

    change: ArticleChange

    @property
    def effective(self) -> date:
        return self.change.new.starts

    @property
    def note(self) -> str:
        """自 2026-01-01 起，本条将改为第五十条 — for the tooltip and the appendix."""
        c = self.change
        day = f"自 {self.effective.isoformat()} 起，"
        if c.removed:
            return f"{day}新文本中本条将没有对应条文"
        if c.renumbered:
            also = "，内容也有修改" if c.text_changed else ""
            return f"{day}本条将改为{labels(c.new_keys)}{also}"
        return f"{day}本条内容将修改"


def coming_change(registry: Registry, version: LawVersion, key: str, today: date) -> ComingChange | None:
    """The change the next registered version brings to `key`, when `version` is in force on `today` and the
    next version takes effect after `today`; None otherwise (nothing registered, or nothing changes)."""
    if not version.in_force_on(today):
        return None
    coming = registry.next_version(version)
    if coming is None or coming.effective is None or coming.effective <= today:
        return None
    change = article_change(registry, version, key, coming)
    if change is None or not change.changes_anything:
        return None
    return ComingChange(change)


@dataclass(frozen=True, slots=True)
class CitedComing:
    """One citation on a page and the coming change to the article it lands on."""

    finding: Finding
    coming: ComingChange


def coming_changes(findings: Iterable[Finding], registry: Registry, today: date) -> list[CitedComing]:
    """The page's citations whose article a registered, not yet effective version changes."""
    from .links import resolve  # links imports check and extract: loaded only where pages are checked

    out: list[CitedComing] = []
    for f in findings:
        resolved = resolve(f, registry)
        if resolved is None:
            continue
        coming = coming_change(registry, resolved[0], resolved[1], today)
        if coming is not None:
            out.append(CitedComing(f, coming))
    return out


def coming_line(path: str, line_offset: int, item: CitedComing) -> str:
    """docs/x.md:12: 《治安管理处罚法》第四十二条: 自 2026-01-01 起，本条将改为第五十条 (zhian@2026-01-01, adopted 2025-06-27)"""
    c = item.finding.citation
    new = item.coming.change.new
    adopted = f", adopted {new.adopted.isoformat()}" if new.adopted else ""
    return (f"{path}:{c.line + line_offset}: coming change: 《{new.short}》{key_label(c.article_key)}: "
            f"{item.coming.note} ({new.id}{adopted})")


# --- stale pages ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CitationChange:
    """One of the page's citations whose article changed since the page was reviewed."""

    line: int               # in the text the findings were made from
    text: str               # the citation as written
    kind: str               # renumbered, removed, text-changed, repealed
    new_keys: tuple[str, ...] = ()
    text_changed: bool = False

    def describe(self) -> str:
        """第四十二条 → 第五十条 (renumbered, text changed) — for the build's message."""
        if self.kind == "renumbered":
            also = ", text changed" if self.text_changed else ""
            return f"{self.text} → {labels(self.new_keys)} (renumbered{also})"
        return f"{self.text} ({self.kind.replace('-', ' ')})"


@dataclass(frozen=True, slots=True)
class LawUpdate:
    """A cited law that changed after the page's reviewed date, by the build date."""

    judged: LawVersion                  # the version the page is judged against (in force on its reviewed date)
    since: tuple[LawVersion, ...]       # versions that took effect after the reviewed date
    repealed_on: date | None            # the law ended without a successor version
    citations: tuple[CitationChange, ...]

    @property
    def short(self) -> str:
        return self.judged.short


@dataclass(frozen=True, slots=True)
class Staleness:
    reviewed: date
    laws: tuple[LawUpdate, ...]


def page_staleness(findings: Sequence[Finding], registry: Registry, reviewed: date, today: date) -> Staleness | None:
    """None when no law the page cites changed after `reviewed` (up to and including `today`)."""
    by_law: dict[str, list[Finding]] = {}
    for f in findings:
        slug = f.citation.law_slug
        if slug is not None and slug in registry.laws:
            by_law.setdefault(slug, []).append(f)
    updates: list[LawUpdate] = []
    for slug, law_findings in by_law.items():
        versions = registry.laws[slug]
        judged = registry.version_on(slug, reviewed)
        if judged is None:
            continue  # not in force on the reviewed date: the citation check itself reports that
        since = tuple(v for v in versions if v.effective is not None and reviewed < v.effective <= today)
        last = versions[-1]
        repealed_on = None
        if last.end_reason == "repealed" and last.ends is not None and reviewed < last.ends <= today:
            repealed_on = last.ends
        if not since and repealed_on is None:
            continue
        now = registry.version_on(slug, today)
        updates.append(LawUpdate(judged, since, repealed_on, tuple(_changed_citations(law_findings, registry, now))))
    return Staleness(reviewed, tuple(updates)) if updates else None


def _changed_citations(findings: list[Finding], registry: Registry, now: LawVersion | None) -> list[CitationChange]:
    out: list[CitationChange] = []
    for f in findings:
        c = f.citation
        if c.pin is not None and c.pin.kind != "current":
            continue  # a pinned older version is cited on purpose: its status does not change
        if now is None:
            out.append(CitationChange(c.line, c.text, "repealed"))
            continue
        version = registry.versions_by_date(c.law_slug, f.version)
        if version is None or version is now:
            continue
        change = article_change(registry, version, c.article_key, now)
        if change is not None and change.changes_anything:
            out.append(CitationChange(c.line, c.text, change.kind, change.new_keys, change.text_changed))
    return out


def stale_notice(staleness: Staleness) -> str:
    """The reader's notice: 本页核对于 2025-08-01；其引用的《治安管理处罚法》已于 2026-01-01 修订，本页尚未按新版本复核。"""
    parts = []
    for law in staleness.laws:
        events = [f"已于 {v.starts.isoformat()} 修订" for v in law.since]
        if law.repealed_on is not None:
            events.append(f"已于 {law.repealed_on.isoformat()} 废止")
        parts.append(f"《{law.short}》{'、'.join(events)}")
    return f"本页核对于 {staleness.reviewed.isoformat()}；其引用的{'，'.join(parts)}，本页尚未按新版本复核。"


def stale_message(staleness: Staleness, line_offset: int = 0) -> str:
    """What changed since the page's reviewed date: each law and its versions, the citations whose
    status changes, what to do. The site build (stale_line) and the command line (a `stale-page`
    finding, lawcite.cli) both say it in these words."""
    laws = []
    for law in staleness.laws:
        events = [f"{v.id} in force since {v.starts.isoformat()}" for v in law.since]
        if law.repealed_on is not None:
            events.append(f"repealed on {law.repealed_on.isoformat()}")
        changed = ", ".join(f"line {c.line + line_offset} {c.describe()}" for c in law.citations)
        laws.append(
            f"《{law.short}》 ({'; '.join(events)}; the page is judged against {law.judged.id}): "
            + (f"citations that change: {changed}" if changed else "no cited article changes")
        )
    return (f"reviewed {staleness.reviewed.isoformat()}, but " + " | ".join(laws)
            + ": check the page against the new text, then set its reviewed date")


def stale_line(path: str, line_offset: int, staleness: Staleness) -> str:
    """One line for the build: the page, each law and its versions, the citations whose status changes."""
    return f"{path}: stale: {stale_message(staleness, line_offset)}"
