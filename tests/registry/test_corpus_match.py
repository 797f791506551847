"""The registry says what the official texts say: the lawcite loader's articles, 之N articles,
paragraph/item structure and every article's text equal an independent reading of the same files
(corpus_oracle), and the article counts equal the counts of the official copies each text was
cross-checked against (provenance.official_article_count). Everything here reads data/laws only."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from corpus_oracle import CorpusFile, heading, normalise
from registry_files import load_entries

REPEAL_DATE = date(2021, 1, 1)
# every law file with a text (data/laws/<law_slug>@<effective>.md), as the files are, not as a list by hand
LAW_TEXTS = sorted(vid for vid, d in load_entries().items() if d["_body"].strip())


def test_every_text_is_registered(registry, corpus: dict[str, CorpusFile]) -> None:  # noqa: ANN001
    with_text = {vid for vid, v in registry.versions.items() if v.has_text}
    assert with_text == set(corpus)


def test_article_numbers_match_an_independent_reading(registry, corpus) -> None:  # noqa: ANN001
    for vid, law in corpus.items():
        v = registry.versions[vid]
        headings = law.headings()
        numbered = [h for h in headings if "之" not in h]
        assert v.article_count == len(numbered), f"{vid}: article_count"
        assert [heading(k) for k in v.article_keys] == headings, f"{vid}: articles in text order"
        assert sorted(heading(k) for k in v.inserted) == sorted(h for h in headings if "之" in h), f"{vid}: 之N articles"


def test_article_counts_match_the_official_copies(registry, entries: dict[str, dict[str, Any]]) -> None:  # noqa: ANN001
    compared = 0
    for vid, d in entries.items():
        official = (d.get("provenance") or {}).get("official_article_count")
        if official is None:
            continue
        assert len(registry.versions[vid].structure) == official, f"{vid}: {official} articles in the official copy"
        compared += 1
    assert compared >= 15  # every text an official copy was compared with


@pytest.mark.parametrize("vid", LAW_TEXTS)
def test_structure_and_text_of_every_article_match(registry, corpus, vid: str) -> None:  # noqa: ANN001
    v = registry.versions[vid]
    law = corpus[vid]
    wrong_structure = [k for k, paragraphs in v.structure.items() if law.structure(k) != list(paragraphs)]
    assert not wrong_structure, f"{vid}: structure differs from the text for {wrong_structure[:10]}"
    wrong_text = [k for k, text in v.articles.items() if normalise(text) != normalise("".join(law.article_lines(k)))]
    assert not wrong_text, f"{vid}: article text differs for {wrong_text[:10]}"
    assert set(v.articles) == set(v.structure)


def test_known_structures(registry) -> None:  # noqa: ANN001
    """Paragraph rule checked on cases read by hand in the texts."""
    s = {vid: v.structure for vid, v in registry.versions.items()}
    assert s["xingfa@2024-03-01"]["293-1"] == (3,)        # one paragraph, items (一)-(三)
    assert s["minfadian@2021-01-01"]["1032"] == (0, 0)   # two paragraphs
    assert s["zhian@2026-01-01"]["50"] == (6, 0)          # 6 items, then the 禁止接触 paragraph
    assert s["zhian@2013-01-01"]["42"] == (6,)
    assert s["xingfa@2024-03-01"]["452"] == (0, 0, 0)     # the ① footnote after it is not text
    assert s["minshisusong@2022-01-01"]["55"] == (0, 0)   # the 2017 paragraph on 检察院公益诉讼 …
    assert s["minshisusong@2013-01-01"]["55"] == (0,)     # … which the 2012 text does not have
    assert s["xiangao-guiding@2015-07-22"]["3"] == (9, 0)  # nine 高消费 items, then the 单位 paragraph
    assert s["shixin-guiding@2017-05-01"]["10"] == (7, 0, 0, 0)


def test_punctuation_width_follows_the_official_copy(registry) -> None:  # noqa: ANN001
    """The ASCII ':'/';' of the LawRefBook copies were made full-width where flk.npc.gov.cn has them."""
    for vid in ("zhian@2013-01-01", "shangyeyinhang@2015-10-01", "renmintiaojie@2011-01-01", "xiaobao@2014-03-15",
                "gerenxinxi@2021-11-01"):
        v = registry.versions[vid]
        assert not [k for k, t in v.articles.items() if ":" in t or ";" in t], vid
        assert "full-width" in v.provenance["normalised"]
    assert registry.versions["zhian@2013-01-01"].articles["42"].startswith("有下列行为之一的，处五日以下拘留或者五百元以下罚款；")


def test_civil_laws_repealed_by_the_civil_code(registry, entries) -> None:  # noqa: ANN001
    """The names come from 民法典第一千二百六十条 itself."""
    article = registry.versions["minfadian@2021-01-01"].articles["1260"]
    names = re.findall(r"《(中华人民共和国[^》]+)》", article)
    assert len(names) == 9 and "同时废止" in article and "2021年1月1日" in article
    by_title = {v.title: v for v in registry.versions.values()}
    for title in names:
        v = by_title.get(title)
        assert v is not None, f"{title} is missing from the registry"
        assert (v.end_reason, v.ends, v.successor) == ("repealed", REPEAL_DATE, "minfadian")
        assert not v.has_text and v.article_count is None and not entries[v.id]["_body"].strip()


def test_revised_versions_end_when_the_next_takes_effect(registry) -> None:  # noqa: ANN001
    for versions in registry.laws.values():
        for older, newer in zip(versions, versions[1:]):
            assert (older.ends, older.end_reason) == (newer.effective, "revised")
            assert registry.successor_of(older) is newer
        assert versions[-1].end_reason != "revised"
    assert [v.id for v in registry.laws["minshisusong"]] == [
        "minshisusong@2013-01-01", "minshisusong@2017-07-01", "minshisusong@2022-01-01", "minshisusong@2024-01-01"]


def test_texts_the_site_needs_are_present(registry) -> None:  # noqa: ANN001
    needed = {
        "minfadian@2021-01-01": [*map(str, range(667, 682)), "700", "188", "1024", "1032", "1033", "1034", "1165", "1183", "1260"],
        "xingfa@2024-03-01": ["238", "245", "246", "253-1", "274", "293", "293-1", "266", "280", "279", "196"],
        "zhian@2026-01-01": ["9", "26", "30", "42", "47", "50", "51", "54", "56", "58", "59", "61", "62"],
        "zhian@2013-01-01": ["9", "23", "26", "40", "42", "43", "46", "49", "50", "51"],
        "gerenxinxi@2021-11-01": ["10", "13", "69"], "zhengxin@2013-03-15": ["16", "25"], "xiaobao@2014-03-15": ["14", "29"],
        "minshisusong@2024-01-01": ["90", "125", "126", "128", "164", "165", "247", "250", "266"],
        "minjianjiedai@2021-01-01": ["1", "25", "28", "29"],
    }
    for vid, keys in needed.items():
        articles = registry.versions[vid].articles
        missing = [k for k in keys if not articles.get(k, "").strip()]
        assert not missing, f"{vid}: texts missing for {missing}"
