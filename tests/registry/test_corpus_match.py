"""The registry says what the statute corpus says: coverage, article numbers, paragraph/item
structure and the text of every article it carries (compared after normalising whitespace and
punctuation width, the form used for quotations). Skipped when ../shared/laws is absent."""
from __future__ import annotations

import re
from typing import Any

import pytest

from corpus_oracle import CorpusFile, heading, normalise

REPEAL_DATE = "2021-01-01"


def by_corpus_file(entries: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for d in entries.values():
        if d["corpus_file"]:
            found.setdefault(d["corpus_file"], []).append(d)
    return found


def test_every_corpus_file_has_exactly_one_entry(entries, corpus: dict[str, CorpusFile]) -> None:
    linked = by_corpus_file(entries)
    for name, law in corpus.items():
        matches = linked.get(name, [])
        assert len(matches) == 1, f"{name}: {len(matches)} registry entries"
        d = matches[0]
        assert str(d["effective"]) == name.split("@")[1][:-3] == str(law.front["effective"])
        assert d["title"] == law.front["title"]
        bare_short = re.sub(r"（.*）$", "", law.front["short"])
        assert bare_short in [d["short"], *d["aliases"]], f"{name}: corpus short name {bare_short} unknown"
    assert set(linked) <= set(corpus), f"corpus_file names not in the corpus: {set(linked) - set(corpus)}"


def test_superseded_versions_follow_the_corpus(entries, corpus) -> None:
    linked = {d["corpus_file"]: d for d in entries.values() if d["corpus_file"]}
    for name, law in corpus.items():
        d = linked[name]
        newer = law.front.get("superseded_by")
        if newer:
            assert d["end_reason"] == "revised" and entries[d["successor"]]["corpus_file"] == newer
            assert entries[d["successor"]]["renumbered_from"] == d["id"]
        else:
            assert d["ends"] is None


def test_official_links_come_from_the_corpus(entries, corpus) -> None:
    """A source link must appear in the corpus file's front matter (never invented)."""
    for d in entries.values():
        if d["source"] is None:
            continue
        assert d["corpus_file"], f"{d['_file']}: a link without a corpus file to take it from"
        front_text = repr(corpus[d["corpus_file"]].front)
        assert d["source"] in front_text, f"{d['_file']}: {d['source']} is not named in {d['corpus_file']}"


def test_civil_laws_repealed_by_the_civil_code(entries, corpus) -> None:
    """The names come from 民法典第一千二百六十条 itself."""
    code = next(law for law in corpus.values() if law.front["title"] == "中华人民共和国民法典")
    article = "".join(code.article_lines("1260"))
    names = re.findall(r"《(中华人民共和国[^》]+)》", article)
    assert len(names) == 9 and "同时废止" in article and "2021年1月1日" in article
    by_title = {d["title"]: d for d in entries.values()}
    for title in names:
        d = by_title.get(title)
        assert d is not None, f"{title} is missing from the registry"
        assert d["end_reason"] == "repealed" and str(d["ends"]) == REPEAL_DATE and d["successor"] == "minfadian"
        assert d["corpus_file"] is None and d["article_count"] is None


def test_article_counts_match_the_corpus(entries, corpus) -> None:
    for d in entries.values():
        if not d["corpus_file"]:
            continue
        law = corpus[d["corpus_file"]]
        headings = law.headings()
        numbered = [h for h in headings if "之" not in h]
        assert d["article_count"] == len(numbered), f"{d['_file']}: article_count"
        assert [heading(k) for k in d["inserted"]] == [h for h in headings if "之" in h], f"{d['_file']}: inserted"
        # and with the manifest's own count, written down independently of this project
        assert d["article_count"] + len(d["inserted"]) == law.front["article_count"]
        detail = law.front["article_count_detail"]
        assert detail.startswith(f"{d['article_count']} numbered articles + {len(d['inserted'])} 之N articles")


def test_known_structures(entries) -> None:
    """Paragraph rule checked on cases read by hand in the corpus."""
    assert entries["xingfa"]["structure"]["293-1"] == [3]        # one paragraph, items (一)-(三)
    assert entries["minfadian"]["structure"]["1032"] == [0, 0]   # two paragraphs
    assert entries["zhian-2026"]["structure"]["50"] == [6, 0]    # 6 items, then the 禁止接触 paragraph
    assert entries["zhian-2013"]["structure"]["42"] == [6]
    assert entries["xingfa"]["structure"]["452"] == [0, 0, 0]    # the ① footnote after it is not text


@pytest.mark.parametrize("law_id", ["minfadian", "xingfa", "zhian-2013", "zhian-2026", "gerenxinxi", "minshisusong",
                                    "xiaobao", "shangyeyinhang", "fanzha", "shenfenzheng", "zhengxin",
                                    "renmintiaojie", "minjianjiedai", "qinfanxinxi-jieshi"])
def test_structure_of_every_article_matches_the_corpus(entries, corpus, law_id: str) -> None:
    d = entries[law_id]
    law = corpus[d["corpus_file"]]
    wrong = [k for k, paragraphs in d["structure"].items() if law.structure(k) != paragraphs]
    assert not wrong, f"{d['_file']}: structure differs from the corpus for {wrong[:10]}"


def test_every_article_text_equals_the_official_text(entries, corpus) -> None:
    checked = 0
    for d in entries.values():
        for key, text in d["articles"].items():
            official = "".join(corpus[d["corpus_file"]].article_lines(key))
            assert normalise(text) == normalise(official), f"{d['_file']}: {heading(key)} differs from {d['corpus_file']}"
            checked += 1
    assert checked > 0, "the registry carries no article texts"


def test_texts_the_site_needs_are_present(entries) -> None:
    needed = {
        "minfadian": [*map(str, range(667, 682)), "700", "188", "1024", "1032", "1033", "1034", "1165", "1183", "1260"],
        "xingfa": ["238", "245", "246", "253-1", "274", "293", "293-1", "266", "280", "279", "196"],
        "zhian-2026": ["9", "26", "30", "42", "47", "50", "51", "54", "56", "58", "59", "61", "62"],
        "zhian-2013": ["9", "23", "26", "40", "42", "43", "46", "49", "50", "51"],
        "gerenxinxi": ["10", "13", "69"], "zhengxin": ["16", "25"], "xiaobao": ["14", "29"],
        "minshisusong": ["90", "125", "126", "128", "164", "165", "247", "250", "266"],
        "minjianjiedai": ["1", "25", "28", "29"],
    }
    for law_id, keys in needed.items():
        missing = set(keys) - set(entries[law_id]["articles"])
        assert not missing, f"{law_id}: texts missing for {sorted(missing)}"
