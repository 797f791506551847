"""The search index is segmented: Chinese text is split into words (jieba), so a word from the middle of a
sentence is a term of its own. Without segmentation lunr sees a whole clause as one term and finds nothing."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jieba
import pytest

ROOT = Path(__file__).resolve().parents[2]
USER_DICT = ROOT / "data" / "jieba_user_dict.txt"
TAG = re.compile(r"<[^>]+>")
HAN = re.compile(r"[\u4e00-\u9fff]")
CLAUSE = re.compile(r"[\u4e00-\u9fff]{8,}")  # a run of at least 8 Chinese characters with no punctuation
TOPIC_WORD = "上门"  # the site's subject: it is in the home page's text and must be findable on its own


@cache
def load_index(site: Path) -> dict[str, Any]:
    path = site / "search" / "search_index.json"
    assert path.is_file(), f"{path} is missing: is the search plugin still in mkdocs.yml?"
    return json.loads(path.read_text(encoding="utf-8"))


def terms_of(index: dict[str, Any], text: str) -> set[str]:
    """The terms lunr builds from `text`: split on the index's own separator, after dropping the markup."""
    separator = re.compile(index["config"]["separator"])
    return {t.lower() for t in separator.split(TAG.sub(" ", text)) if t}


def all_terms(index: dict[str, Any]) -> set[str]:
    return set().union(*(terms_of(index, d["title"] + " " + d["text"]) for d in index["docs"]))


def test_separator_splits_on_segment_marks(site_dir: Path) -> None:
    index = load_index(site_dir)
    assert re.compile(index["config"]["separator"]).search("上门\u200b催收"), (
        "search/search_index.json: the separator does not split on U+200B, the mark jieba segmentation inserts; "
        "keep `plugins: search: lang: zh` in mkdocs.yml"
    )


def test_topic_word_is_a_term(site_dir: Path) -> None:
    terms = all_terms(load_index(site_dir))
    long_terms = sorted((t for t in terms if len(HAN.findall(t)) >= 8), key=len, reverse=True)[:5]
    assert TOPIC_WORD in terms, (
        f"search/search_index.json: {TOPIC_WORD!r} is not a term on its own, so searching it finds nothing. "
        f"Longest Chinese terms: {long_terms}. Is jieba installed and `search: lang: zh` set in mkdocs.yml?"
    )


def middle_words(clause: str) -> list[str]:
    """Words of two or more characters that jieba finds strictly inside `clause` (neither first nor last)."""
    jieba.load_userdict(str(USER_DICT))
    words = list(jieba.cut(clause))
    return [w for w in words[1:-1] if len(w) >= 2 and HAN.match(w)]


def test_word_from_mid_sentence_is_a_term(site_dir: Path) -> None:
    index = load_index(site_dir)
    home = next((d for d in index["docs"] if d["location"] == ""), None)
    assert home is not None, "search/search_index.json has no entry for the home page (location \"\")"
    plain = TAG.sub("", home["text"]).replace("\u200b", "")
    for clause in CLAUSE.findall(plain):
        words = middle_words(clause)
        if words:
            break
    else:
        pytest.fail("the home page has no clause of 8+ Chinese characters to check segmentation on", pytrace=False)
    terms = terms_of(index, home["text"])
    missing = [w for w in words if w.lower() not in terms]
    assert not missing, (
        f"search/search_index.json: in the home page's clause {clause!r}, the words {missing} are not terms of "
        f"their own (terms containing them: {sorted(t for t in terms if any(w in t for w in missing))[:5]}); "
        "the index is not segmented — check `search: lang: zh` and that jieba is installed"
    )


# --- the query side: every page hands the function words to the query script ----------

FUNCTION_WORDS = ROOT / "data" / "search_function_words.txt"
# search-query.js is part of the site's one deferred script file (sitebuild.site_script), which carries the words
QUERY_SCRIPT = re.compile(
    r'<script defer src="([^"]*javascripts/site\.[0-9a-f]{8}\.js)" data-function-words="([^"]*)" data-synonyms=\'([^\']*)\'></script>'
)
BUNDLE = re.compile(r'<script defer src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')


def test_every_page_gives_the_query_script_the_function_words(site_dir: Path) -> None:
    from sitebuild.search_words import load_function_words

    listed = " ".join(load_function_words(FUNCTION_WORDS))
    wrong = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = QUERY_SCRIPT.search(html)
        bundle = BUNDLE.search(html)
        if not found or found.group(2) != listed or not bundle or bundle.start() < found.start():
            wrong.append(page.relative_to(site_dir).as_posix())
    assert not wrong, (
        f"{len(wrong)} pages do not load javascripts/search-query.js before Material's bundle with the words of "
        f"{FUNCTION_WORDS.name} as data-function-words (overrides/main.html, block libs): {wrong[:5]}"
    )
    site_scripts = list((site_dir / "javascripts").glob("site.*.js"))
    assert len(site_scripts) == 1, f"one site script file expected in site/javascripts/, found {site_scripts}"
    assert "/* ---- javascripts/search-query.js ---- */" in site_scripts[0].read_text(encoding="utf-8")
    home = QUERY_SCRIPT.search((site_dir / "index.html").read_text(encoding="utf-8"))
    assert home and json.loads(home.group(3)).get("村委会"), "data/search_synonyms.yaml does not reach the query script"
