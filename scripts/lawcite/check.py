"""Judge citations against the registry at an as-of date.

Rules, in order, for each Citation (one Finding each):

1. The name is not in the registry. unknown-law (error) when a registered name is near it: the
   suggestion is the full title of the law whose title/short name/alias is nearest (difflib ratio, or
   a known name contained in the written one: 《人民民法典》 -> 《中华人民共和国民法典》).
   It must also differ from that name by at most MISSPELLING_MAX characters.
   unregistered-law (warning) otherwise: a well-formed name of a law the registry does not hold — a
   national law of law_names.yaml (劳动合同法, 公司法), another jurisdiction's (法国民法典), any other
   title no registered name is near. Its articles are not checked.
2. Which version is judged:
   - pinned (2012年《…》, 2025 年修订的《…》: the version adopted, else first in force, in that year;
     原/旧/修订前的《…》: the version before the one in force on the as-of date; 现行《…》: the one in
     force). A pinned version the registry lacks -> unknown-version (warning). A pinned old version
     is a historical citation: ok when the article exists (the message says so).
   - unpinned: the version in force on as_of (effective <= as_of < ends). None in force: before the
     first version -> not-yet-in-force; after the last one ends -> repealed (suggestion: successor).
3. superseded — the law was renumbered and the words written with the citation fit what its
   number(s) said in an older numbering clearly better than what they say in the judged version
   (lawcite.supersede: a comparison of the versions, explained in the message); the suggestion is
   where that old article is now (the map files composed). Also when the number does not exist in
   the judged version at all.
4. no-such-article — the judged version lacks the article (number, 之N), the paragraph or the item
   (from the structure derived from the text), the end of a range, or the article is not in the
   chapter/section/part written before it (第二章第十三条). When an older numbering had that number,
   the suggestion names where it went. Without evidence, or when the words fit neither text
   better, an existing article is judged as written.
5. quote-mismatch (only when `text` is passed) — every quotation attributed to the citation
   (lawcite.quotes) must appear in the article's text; a quotation after a list may come from any
   of its articles. quote-unchecked (warning) — the law is registered by name only (no text).
6. preview-cut (warning, only when `previews` is set) — an ok citation of a whole long article whose
   preview is cut before the item its sentence speaks of (lawcite.preview).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .articles import ArticleRef, cited_label, key_label, labels, unit_label
from .models import Citation, Division, Finding, make_finding
from .preview import preview_warnings
from .quotes import quotations, quote_matches
from .registry import LawVersion, Registry
from .supersede import NumberingFit, older_numbering, renumbered_older


def check_citations(
    citations: Sequence[Citation],
    registry: Registry,
    as_of: date,
    *,
    text: str | None = None,
    previews: bool = False,
) -> list[Finding]:
    """One Finding per citation, in the same order (see the module docstring for the rules). `previews`:
    judge what each citation's link preview shows (a page's citations; not a law's own references)."""
    chains: dict[int, list[Citation]] = {}
    for c in citations:
        chains.setdefault(c.chain, []).append(c)
    judge = _Judge(registry, as_of, check_quotes=text is not None)
    findings = [judge.one(c, chains[c.chain]) for c in citations]
    if text is not None:
        _check_list_quotes(chains, citations, findings, registry)
    if previews:
        findings = preview_warnings(findings, registry)
    return findings


class _Judge:
    """Judges the citations of one text; the numbering of each chain is compared once."""

    def __init__(self, registry: Registry, as_of: date, *, check_quotes: bool) -> None:
        self.reg = registry
        self.as_of = as_of
        self.check_quotes = check_quotes
        self._fits: dict[tuple[int, str], NumberingFit | None] = {}

    def one(self, c: Citation, chain: list[Citation]) -> Finding:
        reg = self.reg
        if c.law_slug is None or c.law_slug not in reg.laws:
            return _unknown_law(c, chain, reg)
        check_quotes = self.check_quotes and len(chain) == 1
        if c.pin is not None:
            return self._pinned(c, check_quotes)
        current = reg.version_on(c.law_slug, self.as_of)
        if current is None:
            return self._not_in_force(c)
        fit = self._fit(chain, current)
        if fit is not None and fit.moved.get(c.article_key) != [c.article_key]:
            return _superseded(c, fit, current, reg)
        problem = _existence(c, current)
        if problem:
            return _no_such_article(c, problem, current, reg)
        return _quote_check(c, current, "", check_quotes, reg)

    def _fit(self, chain: list[Citation], v: LawVersion) -> NumberingFit | None:
        key = (chain[0].chain, v.id)
        if key not in self._fits:
            self._fits[key] = older_numbering(chain, self.reg, v)
        return self._fits[key]

    def _pinned(self, c: Citation, check_quotes: bool) -> Finding:
        reg, as_of = self.reg, self.as_of
        assert c.pin is not None and c.law_slug is not None
        versions = reg.laws[c.law_slug]
        current = reg.version_on(c.law_slug, as_of)
        if c.pin.kind == "year":
            v = reg.version_for_year(c.law_slug, c.pin.year or 0)
        elif c.pin.kind == "previous":
            v = reg.previous(current or versions[-1])
            if current is None and versions[-1].ends is not None and versions[-1].ends <= as_of:
                v = versions[-1]
        else:
            v = current
        title = reg.title(c.law_slug)
        if v is None:
            return make_finding(c, "unknown-version", law=title,
                                message=f"登记表中没有《{title}》的“{c.pin.text}”版本：请登记该版本，或去掉版本限定语")
        if as_of < v.starts:
            return make_finding(c, "not-yet-in-force", law=v.title, version=v.effective,
                                message=f"《{v.title}》该版本自 {v.starts.isoformat()} 起施行，核查日 {as_of.isoformat()} 尚未施行")
        problem = _existence(c, v)
        if problem:
            return make_finding(c, "no-such-article", law=v.title, version=v.effective, message=problem)
        message = ""
        if not v.in_force_on(as_of):
            until = f"，{v.ends.isoformat()} 起失效" if v.ends else ""
            message = f"历史引用：{v.label}{until}"
        return _quote_check(c, v, message, check_quotes, reg)

    def _not_in_force(self, c: Citation) -> Finding:
        reg, as_of = self.reg, self.as_of
        assert c.law_slug is not None
        versions = reg.laws[c.law_slug]
        first, last = versions[0], versions[-1]
        if as_of < first.starts:
            return make_finding(c, "not-yet-in-force", law=first.title, version=first.effective,
                                message=f"《{first.title}》自 {first.starts.isoformat()} 起施行，核查日 {as_of.isoformat()} 尚未施行")
        successor = reg.successor_of(last)
        message = f"《{last.title}》已于 {last.ends.isoformat() if last.ends else '?'} 废止"
        if successor is not None:
            message += f"，由《{successor.title}》取代"
        return make_finding(c, "repealed", law=last.title, version=last.effective, message=message,
                            suggestion=f"《{successor.title}》" if successor else None)


def _unknown_law(c: Citation, chain: list[Citation], reg: Registry) -> Finding:
    """unregistered-law (warning) for a law the registry does not hold: a national law of
    law_names.yaml (劳动合同法), another jurisdiction's (法国民法典), or a name no registered name is
    near; unknown-law (error) for a name near a registered one and at most MISSPELLING_MAX
    characters from it (《人民民法典》: a slip of the pen)."""
    name = (next((u.law_defined_as for u in chain if u.law_defined_as), None)
            or next((u.law_as_written for u in chain if u.law_as_written), None) or c.law_as_written or "")
    g = reg.grammar
    simple = g.simplified(g.normalise_name(name))
    # a law known to be another one (劳动合同法, not 合同法: lawcite/law_names.yaml) gets no "did you mean"
    bare = next((simple[len(t):] for t in g.title_prefixes if simple.startswith(t)), simple)  # 中华人民共和国劳动合同法
    other_law = bare in reg.patterns.known_laws or simple.startswith(reg.patterns.foreign_prefixes)
    slug = reg.suggest(name) if name and not other_law else None
    if slug is not None and _edit_size(simple, slug, reg) > MISSPELLING_MAX:
        slug = None  # near in shape, but more than a slip apart: another document (关于…的解释)
    folder = reg.display_path
    if slug is None:
        message = f"《{simple or name}》不在法规登记表（{folder}）中，其条文未核对；如需核对，请在 {folder} 中登记该法规"
        return make_finding(c, "unregistered-law", message=message)
    message = f"《{name}》不在法规登记表（{folder}）中；是否指《{reg.title(slug)}》？"
    return make_finding(c, "unknown-law", message=message, suggestion=f"《{reg.title(slug)}》")


MISSPELLING_MAX = 3  # characters added, dropped or changed: 《人民民法典》 (2), 《民法点》 (1)


def _edit_size(name: str, slug: str, reg: Registry) -> int:
    """The fewest characters by which `name` differs from one of the names of `slug`."""
    import difflib  # only for names the registry lacks

    best = len(name)
    for known, s in reg.names.items():
        if s != slug:
            continue
        ops = difflib.SequenceMatcher(None, name, known, autojunk=False).get_opcodes()
        best = min(best, sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal"))
    return best


def _superseded(c: Citation, fit: NumberingFit, v: LawVersion, reg: Registry) -> Finding:
    label = key_label(c.article_key)
    moved = fit.moved.get(c.article_key, [])
    if moved:
        message = f"原{label}（{fit.old.label}）自 {_renumbered_on(reg, fit.old, v).isoformat()} 起为{labels(moved)}"
        suggestion = f"《{v.title}》{labels(moved)}"
    else:
        message = f"原{label}（{fit.old.label}）在 {v.label}中没有对应条文"
        suggestion = None
    now = f"与现行{label}重合 {fit.share_now:.0%}" if v.has_article(c.article_key) else f"现行文本没有{label}"
    message += f"（所述内容与旧文本{label}重合 {fit.share_old:.0%}，{now}：更符合旧文本）"
    return make_finding(c, "superseded", law=v.title, version=fit.old.effective, message=message, suggestion=suggestion)


def _no_such_article(c: Citation, problem: str, v: LawVersion, reg: Registry) -> Finding:
    suggestion = None
    where = _where_now(c, reg, v)
    if where is not None:
        old, moved = where
        if moved:
            problem += f"；原{key_label(c.article_key)}（{old.label}）现为{labels(moved)}"
            suggestion = f"《{v.title}》{labels(moved)}"
    return make_finding(c, "no-such-article", law=v.title, version=v.effective, message=problem, suggestion=suggestion)


def _where_now(c: Citation, reg: Registry, v: LawVersion) -> tuple[LawVersion, list[str]] | None:
    """The newest older numbering that had the cited unit (article, paragraph, item), and where
    that article is in v; None when none had it or the article kept its number."""
    for old, where in renumbered_older(reg, v):
        if old.has_article(c.article_key) and not _existence(c, old):
            moved = where.get(c.article_key, [])
            return None if moved == [c.article_key] else (old, moved)
    return None


def _renumbered_on(reg: Registry, old: LawVersion, v: LawVersion) -> date:
    """The day the first renumbering after `old` took effect (the article's new number applies from then)."""
    versions = reg.laws[v.law_slug]
    for step in versions[versions.index(old) + 1:versions.index(v) + 1]:
        if step.article_map and step.effective is not None:
            return step.effective
    return v.starts


# --- does the cited unit exist? -----------------------------------------------------------------

def _existence(c: Citation, v: LawVersion) -> str:
    """Empty when the cited unit exists in v (or cannot be checked), else what is missing."""
    name = f"《{v.title}》（{v.label}）"
    ends = [(c.ref, c.paragraph, c.item)]
    if c.through is not None:
        ends.append((c.through.ref, c.through.paragraph, c.through.item))
    for ref, paragraph, item in ends:
        problem = _unit_problem(v, ref, paragraph, item) or _division_problem(v, ref, c.divisions)
        if problem:
            return f"{name}{problem}"
    if c.through is not None and c.through.ref < c.ref:
        return f"范围的终点{c.through.ref.label}在起点之前"
    return ""


def _unit_problem(v: LawVersion, ref: ArticleRef, paragraph: int | None, item: int | None) -> str:
    has = v.has_article(ref.key)
    if has is None:
        return ""
    if not has:
        return f"没有{ref.label}" if ref.sub else f"没有{ref.label}（共 {v.article_count} 条）"
    shape = v.structure.get(ref.key)
    if shape is None:
        return ""
    if paragraph is not None and paragraph > len(shape):
        return f"{ref.label}只有 {len(shape)} 款，没有{unit_label(ref, paragraph)[len(ref.label):]}"
    if item is not None:
        if paragraph is not None:
            if item > shape[paragraph - 1]:
                return f"{unit_label(ref, paragraph)}没有{unit_label(ref, None, item)[len(ref.label):]}（该款 {shape[paragraph - 1]} 项）"
        elif item > max(shape):
            return f"{ref.label}没有{unit_label(ref, None, item)[len(ref.label):]}"
    return ""


def _division_problem(v: LawVersion, ref: ArticleRef, cited: tuple[Division, ...]) -> str:
    """The article is not under the chapter, section or part written before it (第二章第十三条)."""
    path = v.divisions.get(ref.key)
    if not cited or not path:
        return ""  # nothing cited, or a text without such headings: nothing to check
    if all(any(heading.contains(d) for heading in path) for d in cited):
        return ""
    written = "".join(d.label for d in cited)
    actual = "".join(f"{h.label} {h.title}" if h.title else h.label for h in path)
    return f"{written}没有{ref.label}（{ref.label}在{actual}）"


# --- quotations ---------------------------------------------------------------------------------

def _quote_check(c: Citation, v: LawVersion, message: str, check_quotes: bool, reg: Registry,
                 *, only: str | None = None) -> Finding:
    ok = make_finding(c, "ok", law=v.title, version=v.effective, message=message)
    if not check_quotes or c.through is not None:
        return ok
    quotes = [only] if only is not None else [q.text for q in quotations(c, reg.grammar) if q.checked]
    if not quotes:
        return ok
    if not v.has_text:
        return make_finding(c, "quote-unchecked", law=v.title, version=v.effective,
                            message=f"无法核对引文：登记表只登记了《{v.title}》的名称，没有它的文本（{reg.display_path}/{v.path.name}），这段引文无从比对")
    article = v.articles.get(c.article_key)
    if article is None:  # not reached: existence was checked, and a law with text has every article's text
        return make_finding(c, "no-such-article", law=v.title, version=v.effective,
                            message=f"《{v.title}》（{v.label}）没有{cited_label(c)}")
    for quote in quotes:
        if not quote_matches(quote, article, reg.grammar):
            short = quote if len(quote) <= 30 else quote[:28] + "……"
            return make_finding(c, "quote-mismatch", law=v.title, version=v.effective,
                                message=f"引文“{short}”与{v.short}{cited_label(c)}的文本不一致（{v.label}）")
    return ok


def _check_list_quotes(chains: dict[int, list[Citation]], citations: Sequence[Citation], findings: list[Finding],
                       reg: Registry) -> None:
    """A quotation after a list (第一千零三十二条、第一千零三十三条规定“…”) may come from any of its
    articles: it is a mismatch only when none of them has it; the last unit carries the finding."""
    index = {id(c): i for i, c in enumerate(citations)}
    for chain in chains.values():
        idxs = [index[id(c)] for c in chain]
        if len(idxs) < 2 or any(findings[i].status != "ok" or citations[i].through for i in idxs):
            continue
        for quote in quotations(citations[idxs[0]], reg.grammar):
            if not quote.checked:
                continue
            missing: list[int] = []
            for i in idxs:
                v = reg.versions_by_date(citations[i].law_slug, findings[i].version)
                article = v.articles.get(citations[i].article_key) if v and v.has_text else None
                if article is None:
                    missing.append(i)
                elif quote_matches(quote.text, article, reg.grammar):
                    break
            else:
                target = missing[0] if missing else idxs[-1]
                v = reg.versions_by_date(citations[target].law_slug, findings[target].version)
                if v is None:  # not reached: every unit was ok, so its version is known
                    break
                findings[target] = _quote_check(citations[target], v, findings[target].message, True, reg, only=quote.text)
                break

