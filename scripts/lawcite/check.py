"""Judge citations against the registry at an as-of date.

Rules, in order, for each Citation (one Finding each):

1. unknown-law — the name is not in the registry; the suggestion is the full title of the law whose
   title/short name/alias is nearest (difflib ratio, or a known name contained in the written one:
   《人民民法典》 -> 《中华人民共和国民法典》).
2. Which version is judged:
   - pinned (2012年《…》, 2025 年修订的《…》: the version adopted, else first in force, in that year;
     原/旧/修订前的《…》: the version before the one in force on the as-of date; 现行《…》: the one in
     force). A pinned version the registry lacks -> unknown-version (warning). A pinned old version
     is a historical citation: ok when the article exists (the message says so).
   - unpinned: the version in force on as_of (effective <= as_of < ends). None in force: before the
     first version -> not-yet-in-force; after the last one ends -> repealed (suggestion: successor).
3. superseded (unpinned citations of a law whose articles were renumbered by a later version: a
   map file lies between an older version and the judged one) — the evidence is the quotation
   attributed to the citation, else the rest of its sentence (at least 4 character bigrams). It is
   compared with the article of the cited number in every older version whose numbering differs,
   and in the judged version, each bigram weighted by how rare it is among the law's articles
   (Registry.bigram_weights: 情节、处罚 say little, 侮辱、诽谤 much): when an older version's text
   holds clearly more of the evidence than the judged one (old >= 0.5 and old - current >= 0.25), the writer used the old
   numbering: superseded, suggestion = where that old article is now (the map files composed).
   This also applies when the number does not exist in the judged version at all. Not for
   self-references (本法第X条 in a law's own text uses that text's numbering).
4. no-such-article — the judged version lacks the article (number, 之N), the paragraph or the item
   (from the structure derived from the text), or the end of a range. When an older version had
   that number, the suggestion names where it went (the map files).
   Without evidence, or when it fits neither text better, an existing article is judged as written.
5. quote-mismatch (only when `text` is passed) — every quotation attributed to the citation
   (lawcite.quotes: the one right after or before it, a blockquote, later ones introduced by
   规定/明确/写明; short unintroduced terms are not checked) must appear in the article's text.
   Every article of a law registered with its text is checked. quote-unchecked (warning) — the law
   is registered by name only (no text), so the quotation cannot be compared with anything.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .models import Citation, Finding, make_finding
from .numerals import article_label
from .quotes import attributed_quote, bigram_containment, bigram_count, quotations, quote_matches
from .registry import LawVersion, Registry, key_label, labels

OLD_MIN = 0.5
OLD_MARGIN = 0.25
MIN_EVIDENCE_BIGRAMS = 4


def check_citations(
    citations: Sequence[Citation],
    registry: Registry,
    as_of: date,
    *,
    text: str | None = None,
) -> list[Finding]:
    """One Finding per citation, in the same order (see the module docstring for the rules)."""
    chain_sizes: dict[int, int] = {}
    for c in citations:
        chain_sizes[c.chain] = chain_sizes.get(c.chain, 0) + 1
    chain_names: dict[int, str] = {}
    for c in citations:
        if c.law_as_written is not None:
            chain_names.setdefault(c.chain, c.law_as_written)
    findings = [
        _check_one(c, registry, as_of, check_quotes=text is not None and chain_sizes[c.chain] == 1,
                   written=chain_names.get(c.chain))
        for c in citations
    ]
    if text is not None:
        _check_list_quotes(citations, findings, registry)
    return findings


def _check_list_quotes(citations: Sequence[Citation], findings: list[Finding], reg: Registry) -> None:
    """A quotation after a list (第一千零三十二条、第一千零三十三条规定“…”) may come from any of its
    articles: it is a mismatch only when none of them has it; the last unit carries the finding."""
    by_chain: dict[int, list[int]] = {}
    for i, c in enumerate(citations):
        by_chain.setdefault(c.chain, []).append(i)
    for idxs in by_chain.values():
        if len(idxs) < 2 or any(findings[i].status != "ok" or citations[i].through for i in idxs):
            continue
        for quote in quotations(citations[idxs[0]]):
            if not quote.checked:
                continue
            missing: list[int] = []
            for i in idxs:
                v = reg.versions_by_date(citations[i].law_slug, findings[i].version)
                art = v.articles.get(citations[i].article_key) if v and v.has_text else None
                if art is None:
                    missing.append(i)
                elif quote_matches(quote.text, art):
                    break
            else:
                target = missing[0] if missing else idxs[-1]
                v = reg.versions_by_date(citations[target].law_slug, findings[target].version)
                if v is None:  # not reached: every unit was ok, so its version is known
                    break
                findings[target] = _quote_check(citations[target], v, findings[target].message, True, only=quote.text)
                break


def _label(c: Citation) -> str:
    out = article_label(c.article, c.article_sub)
    if c.paragraph is not None:
        out += f"第{_cn(c.paragraph)}款"
    if c.item is not None:
        out += f"第（{_cn(c.item)}）项"
    return out


def _cn(n: int) -> str:
    from .numerals import to_chinese

    return to_chinese(n)


def _check_one(c: Citation, reg: Registry, as_of: date, *, check_quotes: bool, written: str | None) -> Finding:
    if c.law_slug is None or c.law_slug not in reg.laws:
        name = written or c.law_as_written or ""
        slug = reg.suggest(name) if name else None
        suggestion = f"《{reg.title(slug)}》" if slug else None
        msg = f"《{name}》不在法规登记表（data/laws）中" + (f"；是否指《{reg.title(slug)}》？" if slug else "；请核对名称，或在 data/laws 中登记该法规")
        return make_finding(c, "unknown-law", message=msg, suggestion=suggestion)
    slug = c.law_slug
    versions = reg.laws[slug]
    current = reg.version_on(slug, as_of)
    title = reg.title(slug)

    if c.pin is not None:
        if c.pin.kind == "year":
            v = reg.version_for_year(slug, c.pin.year or 0)
        elif c.pin.kind == "previous":
            v = reg.previous(current or versions[-1]) if (current or versions[-1]) else None
            if current is None and versions[-1].ends is not None and versions[-1].ends <= as_of:
                v = versions[-1]
        else:
            v = current
        if v is None:
            return make_finding(c, "unknown-version", law=title,
                                message=f"登记表中没有《{title}》的“{c.pin.text}”版本：请登记该版本，或去掉版本限定语")
        if as_of < v.starts:
            return make_finding(c, "not-yet-in-force", law=v.title, version=v.effective,
                                message=f"《{v.title}》该版本自 {v.starts.isoformat()} 起施行，核查日 {as_of.isoformat()} 尚未施行")
        problem = _existence(c, v)
        if problem:
            return make_finding(c, "no-such-article", law=v.title, version=v.effective, message=problem)
        msg = ""
        if not v.in_force_on(as_of):
            until = f"，{v.ends.isoformat()} 起失效" if v.ends else ""
            msg = f"历史引用：{_since(v)}{until}"
        return _quote_check(c, v, msg, check_quotes)

    if current is None:
        first = versions[0]
        if as_of < first.starts:
            return make_finding(c, "not-yet-in-force", law=first.title, version=first.effective,
                                message=f"《{first.title}》自 {first.starts.isoformat()} 起施行，核查日 {as_of.isoformat()} 尚未施行")
        last = versions[-1]
        succ = reg.successor_of(last)
        ended = last.ends.isoformat() if last.ends else "?"
        msg = f"《{last.title}》已于 {ended} 废止"
        if succ is not None:
            msg += f"，由《{succ.title}》取代"
        return make_finding(c, "repealed", law=last.title, version=last.effective, message=msg,
                            suggestion=f"《{succ.title}》" if succ else None)

    v = current
    problem = _existence(c, v)
    # 本法第X条 inside a law's own text uses that text's numbering: never an older one
    older = None if c.self_ref else _older_fit(c, reg, v)
    if older is not None:
        old, moved, s_old, s_new = older
        label = key_label(c.article_key)
        if moved:
            msg = f"原{label}（{_since(old)}）自 {_renumbered_on(reg, old, v).isoformat()} 起为{labels(moved)}"
            suggestion = f"《{v.title}》{labels(moved)}"
        else:
            msg = f"原{label}（{_since(old)}）在 {_since(v)}中没有对应条文"
            suggestion = None
        now = f"与现行{label} {s_new:.0%}" if v.has_article(c.article_key) else f"现行文本没有{label}"
        msg += f"（所述内容与旧文本的字符二元组重合 {s_old:.0%}，{now}）"
        return make_finding(c, "superseded", law=v.title, version=old.effective, message=msg, suggestion=suggestion)
    if problem:
        suggestion = None
        where = _where_now(c, reg, v)
        if where is not None:
            old, moved = where
            if moved:
                problem += f"；原{key_label(c.article_key)}（{_since(old)}）现为{labels(moved)}"
                suggestion = f"《{v.title}》{labels(moved)}"
        return make_finding(c, "no-such-article", law=v.title, version=v.effective, message=problem, suggestion=suggestion)
    return _quote_check(c, v, "", check_quotes)


def _renumbered_older(reg: Registry, v: LawVersion) -> list[tuple[LawVersion, dict[str, list[str]]]]:
    """Older versions of v's law whose numbering differs from v's (a map file lies between them),
    newest first, each with where its articles are in v."""
    out: list[tuple[LawVersion, dict[str, list[str]]]] = []
    for old in reversed(reg.laws[v.law_slug][:reg.laws[v.law_slug].index(v)]):
        moves = reg.moves(old, v)
        if moves is not None and moves[0]:
            out.append((old, moves[1]))
    return out


def _older_fit(c: Citation, reg: Registry, v: LawVersion) -> tuple[LawVersion, list[str], float, float] | None:
    """(old version, where its article is now, score old, score current) when the words after the
    citation fit the article of that number in an older numbering clearly better than in v."""
    candidates = _renumbered_older(reg, v)
    if not candidates or c.through is not None:
        return None
    quote = attributed_quote(c)
    evidence = quote if quote else c.after
    if not evidence or bigram_count(evidence) < MIN_EVIDENCE_BIGRAMS:
        return None
    key = c.article_key
    current = v.articles.get(key)
    weights = reg.bigram_weights(v.law_slug)
    s_new = bigram_containment(evidence, current, weights) if current else 0.0
    best: tuple[LawVersion, list[str], float, float] | None = None
    for old, where in candidates:
        text = old.articles.get(key)
        if text is None:
            continue
        s_old = bigram_containment(evidence, text, weights)
        if s_old >= OLD_MIN and s_old - s_new >= OLD_MARGIN and (best is None or s_old > best[2]):
            best = (old, where.get(key, []), s_old, s_new)
    return best


def _where_now(c: Citation, reg: Registry, v: LawVersion) -> tuple[LawVersion, list[str]] | None:
    """The newest older numbering that had the cited unit (article, paragraph, item), and where
    that article is in v; None when none had it or the article kept its number."""
    for old, where in _renumbered_older(reg, v):
        if old.has_article(c.article_key) and not _existence(c, old):
            moved = where.get(c.article_key, [])
            return None if moved == [c.article_key] else (old, moved)
    return None


def _renumbered_on(reg: Registry, old: LawVersion, v: LawVersion) -> date:
    """The day the first renumbering after `old` took effect (the article's new number applies from then)."""
    vs = reg.laws[v.law_slug]
    for step in vs[vs.index(old) + 1:vs.index(v) + 1]:
        if step.article_map and step.effective is not None:
            return step.effective
    return v.starts


def _since(v: LawVersion) -> str:
    return f"{v.effective.isoformat()} 起施行的版本" if v.effective else f"{v.ends} 前施行的版本"


def _existence(c: Citation, v: LawVersion) -> str:
    """Empty when the cited unit exists in v (or cannot be checked), else what is missing."""
    name = f"《{v.title}》（{_since(v)}）"
    for art, sub, par, item in _ends(c):
        key = f"{art}-{sub}" if sub else str(art)
        has = v.has_article(key)
        if has is None:
            continue
        if not has:
            if sub:
                return f"{name}没有{article_label(art, sub)}"
            return f"{name}没有{article_label(art)}（共 {v.article_count} 条）"
        shape = v.structure.get(key)
        if shape is None:
            continue
        label = article_label(art, sub)
        if par is not None and par > len(shape):
            return f"{name}{label}只有 {len(shape)} 款，没有第{_cn(par)}款"
        if item is not None:
            if par is not None and par <= len(shape):
                if item > shape[par - 1]:
                    return f"{name}{label}第{_cn(par)}款没有第（{_cn(item)}）项（该款 {shape[par - 1]} 项）"
            elif par is None and item > max(shape):
                return f"{name}{label}没有第（{_cn(item)}）项"
    if c.through is not None and (c.through.article, c.through.article_sub) < (c.article, c.article_sub):
        return f"范围的终点{article_label(c.through.article, c.through.article_sub)}在起点之前"
    return ""


def _ends(c: Citation) -> list[tuple[int, int, int | None, int | None]]:
    out = [(c.article, c.article_sub, c.paragraph, c.item)]
    t = c.through
    if t is not None:
        out.append((t.article, t.article_sub, t.paragraph, t.item))
    return out


def _quote_check(c: Citation, v: LawVersion, msg: str, check_quotes: bool, *, only: str | None = None) -> Finding:
    ok = make_finding(c, "ok", law=v.title, version=v.effective, message=msg)
    if not check_quotes or c.through is not None:
        return ok
    quotes = [only] if only is not None else [q.text for q in quotations(c) if q.checked]
    if not quotes:
        return ok
    if not v.has_text:
        return make_finding(c, "quote-unchecked", law=v.title, version=v.effective,
                            message=f"无法核对引文：登记表只登记了《{v.title}》的名称，没有它的文本（data/laws/{v.path.name}），这段引文无从比对")
    text = v.articles.get(c.article_key)
    if text is None:  # not reached: existence was checked, and a law with text has every article's text
        return make_finding(c, "no-such-article", law=v.title, version=v.effective,
                            message=f"《{v.title}》（{_since(v)}）没有{_label(c)}")
    for quote in quotes:
        if not quote_matches(quote, text):
            short = quote if len(quote) <= 30 else quote[:28] + "……"
            return make_finding(c, "quote-mismatch", law=v.title, version=v.effective,
                                message=f"引文“{short}”与{v.short}{_label(c)}的文本不一致（{_since(v)}）")
    return ok
