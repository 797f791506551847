"""The search's function words (data/search_function_words.txt, sitebuild.search_words): the real list loads,
a bad list is named with file and line, and the build hook turns that into a warning (a strict build fails)."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from sitebuild import hooks, search_words

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / search_words.FUNCTION_WORDS_FILE


def test_the_list_holds_the_words_that_must_not_rank_pages() -> None:
    words = search_words.load_function_words(LIST)
    assert {"我", "我们", "的", "了", "吗"} <= set(words)
    # words the site's headings are told apart by stay searchable (see the comment in the list)
    assert not {"会", "能", "可以", "真的", "还"} & set(words)


def write_list(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "search_function_words.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "line", "says"), [
    ("# particles\n的\n了 吗\n", 3, "not one word of Chinese characters"),
    ("的\n吗？\n", 2, "not one word of Chinese characters"),
    ("的\nthe\n", 2, "not one word of Chinese characters"),
    ("的\n了\n\n的\n", 4, "already listed on line 1"),
])
def test_a_bad_line_is_named(tmp_path: Path, text: str, line: int, says: str) -> None:
    path = write_list(tmp_path, text)
    with pytest.raises(search_words.SearchWordsError) as caught:
        search_words.load_function_words(path)
    assert f"{path}:{line}: " in str(caught.value) and says in str(caught.value), str(caught.value)


def test_an_empty_or_missing_list_is_named(tmp_path: Path) -> None:
    with pytest.raises(search_words.SearchWordsError, match="lists no word"):
        search_words.load_function_words(write_list(tmp_path, "# nothing yet\n\n"))
    with pytest.raises(search_words.SearchWordsError, match="cannot read"):
        search_words.load_function_words(tmp_path / "missing.txt")


def build_config(root: Path, plugins: tuple[str, ...] = ("material/search",)) -> SimpleNamespace:
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), site_url=None, extra={}, markdown_extensions=[],
                           mdx_configs={}, plugins=dict.fromkeys(plugins), docs_dir=str(root / "docs"),
                           extra_javascript=[])


def test_the_hook_gives_the_list_to_the_template() -> None:
    config = build_config(ROOT)
    hooks.on_config(config)
    assert config.extra[search_words.EXTRA_KEY] == search_words.load_function_words(LIST)


def test_the_hook_warns_with_file_and_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "data").mkdir()
    write_list(tmp_path / "data", "的\n吗?\n")
    config = build_config(tmp_path)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.sitebuild"):
        hooks.on_config(config)
    assert config.extra[search_words.EXTRA_KEY] == []
    assert any("search_function_words.txt:2: '吗?'" in r.getMessage() for r in caplog.records), caplog.text


def test_a_site_without_search_needs_no_list(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = build_config(tmp_path, plugins=())  # e.g. tests/site_integration/fixture: no data/ folder either
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.sitebuild"):
        hooks.on_config(config)
    assert search_words.EXTRA_KEY not in config.extra and not caplog.records, caplog.text


def test_the_synonym_list_loads_and_bad_entries_are_clear_messages(tmp_path: Path) -> None:
    from sitebuild.search_words import SYNONYMS_FILE, SearchWordsError, load_synonyms

    root = Path(__file__).resolve().parents[2]
    assert load_synonyms(root / SYNONYMS_FILE)["验证"] == ["核实"]
    for text, expected in (("- 验证\n", "write a mapping"), ("验证: 核实\n", "give a list"), ("verify: [核实]\n", "not one word")):
        path = tmp_path / "synonyms.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SearchWordsError) as info:
            load_synonyms(path)
        assert str(path) in str(info.value) and expected in str(info.value)
