"""Golden tests on the official texts in ../shared/laws: the laws cite themselves and each other."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from lawcite import Registry, check_citations, find_citations

TODAY = date(2026, 11, 29)


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _version_for(reg: Registry, corpus_file: str):
    for v in reg.versions.values():
        if v.corpus_file == corpus_file:
            return v
    pytest.skip(f"data/laws has no version built from {corpus_file}")


@pytest.mark.parametrize("corpus_file", ["民法典@2021-01-01.md", "刑法@2024-03-01.md", "民事诉讼法@2024-01-01.md"])
def test_every_benfa_reference_resolves(corpus_file: str, shared_laws: Path, project_registry: Registry) -> None:
    text = _body(shared_laws / corpus_file)
    v = _version_for(project_registry, corpus_file)
    cites = [c for c in find_citations(text, project_registry, self_law=v.id) if c.self_ref]
    # as many 本法第X条 chains as a plain regex sees (the extractor finds them all) …
    plain = re.findall(r"本法第[〇零一二三四五六七八九十百千]+条", text)
    assert len({c.chain for c in cites}) == len(plain) > 0
    # … and every unit, paragraph and item included, exists in the law itself
    findings = check_citations(cites, project_registry, v.effective, text=text)
    bad = [(f.citation.line, f.citation.text, f.status, f.message) for f in findings if f.status != "ok"]
    assert bad == []


def test_interpretation_cites_criminal_law(shared_laws: Path, project_registry: Registry) -> None:
    text = _body(shared_laws / "索债拘禁解释@2000-07-19.md")
    (c,) = find_citations(text, project_registry)
    assert (c.law_as_written, c.law_slug, c.article, c.text) == ("刑法", "xingfa", 238, "刑法第二百三十八条")
    assert text[c.start:c.end] == c.text
    (f,) = check_citations([c], project_registry, TODAY, text=text)
    assert f.status == "ok"


def test_personal_information_interpretation(shared_laws: Path, project_registry: Registry) -> None:
    text = _body(shared_laws / "侵犯公民个人信息解释@2017-06-01.md")
    cites = [c for c in find_citations(text, project_registry) if c.law_slug == "xingfa"]
    got = {(c.article, c.article_sub, c.paragraph) for c in cites}
    assert {(253, 1, None), (253, 1, 1), (253, 1, 3)} <= got
    assert all(f.status == "ok" for f in check_citations(cites, project_registry, TODAY, text=text))


def test_private_lending_rules_cite_civil_code_lists(shared_laws: Path, project_registry: Registry) -> None:
    text = _body(shared_laws / "民间借贷规定@2021-01-01.md")
    cites = [c for c in find_citations(text, project_registry) if c.law_slug == "minfadian"]
    arts = [c.article for c in cites]
    assert arts[:2] == [146, 153] and 144 in arts
    assert sum(c.law_as_written is None for c in cites) >= 4   # list members inherit the law
    assert all(f.status == "ok" for f in check_citations(cites, project_registry, TODAY, text=text))


def test_unknown_titles_in_the_corpus_are_reported(shared_laws: Path, project_registry: Registry) -> None:
    text = _body(shared_laws / "商业银行法@2015-10-01.md")
    cites = [c for c in find_citations(text, project_registry) if c.law_slug is None]
    assert [(c.law_as_written, c.article) for c in cites] == [("中华人民共和国中国人民银行法", 32), (None, 34)]
    statuses = {f.status for f in check_citations(cites, project_registry, TODAY)}
    assert statuses == {"unknown-law"}


def test_article_headings_are_not_citations(shared_laws: Path, project_registry: Registry) -> None:
    # "第一条 …" at the start of a statute line has no law name before it
    text = _body(shared_laws / "治安管理处罚法@2026-01-01.md")
    assert all(c.self_ref for c in find_citations(text, project_registry, self_law="zhian-2026"))
    assert find_citations(text, project_registry) == []


def test_seed_article(project_registry: Registry) -> None:
    from lawcite_paths import SEED

    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent")
    text = SEED.read_text(encoding="utf-8")
    findings = check_citations(find_citations(text, project_registry, markdown=False), project_registry, TODAY, text=text)
    got = [(f.citation.text, f.status, f.suggestion) for f in findings]
    assert ("《人民民法典》第674条至第681条", "unknown-law", "《中华人民共和国民法典》") in got
    assert ("《治安管理处罚法》第42条", "superseded", "《中华人民共和国治安管理处罚法》第五十条") in got
    assert ("《刑法》第246条", "ok", None) in got
