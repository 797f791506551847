"""The citation grammar as data (lawcite/grammar.yaml): one home for every word, read once, replaceable
per registry, and the one thing a contributor edits to add a citation form."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
import yaml

from lawcite import RegistryError, find_citations, load_registry
from lawcite.articles import ArticleRef, cited_label, key_label, unit_label
from lawcite.grammar import GRAMMAR_PATH, default_grammar, load_grammar_file
from lawcite_paths import FIXTURES, SCRIPTS

LAWCITE = SCRIPTS / "lawcite"


def _grammar_words() -> set[str]:
    """Every word of every list in grammar.yaml (two characters or more: single characters are too
    common in ordinary strings to tell anything)."""
    words: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                if isinstance(v, str) and len(v) >= 2 and not v.isascii():
                    words.add(v)
                else:
                    walk(v)

    walk(yaml.safe_load(GRAMMAR_PATH.read_text(encoding="utf-8")))
    return words


def test_the_word_lists_live_only_in_the_grammar() -> None:
    """No module of the library spells a word list of the language: no list, tuple or set literal
    and no regex alternation holds two words of grammar.yaml."""
    words = _grammar_words()
    assert {"以及", "修订前的", "本规定", "写明", "德国", "中华人民共和国", "总则", "最高人民法院"} <= words
    found: list[str] = []
    for module in sorted(LAWCITE.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if sum(item in words for item in items) >= 2:
                    found.append(f"{module.name}:{node.lineno}: {items}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
                if sum(part in words for part in node.value.split("|")) >= 2:
                    found.append(f"{module.name}:{node.lineno}: {node.value[:60]}")
    assert found == []


def test_the_grammar_is_read_once_and_shipped_with_the_library() -> None:
    assert default_grammar() is default_grammar()
    assert GRAMMAR_PATH.parent == LAWCITE and GRAMMAR_PATH.name == "grammar.yaml"
    g = default_grammar()
    assert g.article == "条" and "、" in g.list_separators and "至" in g.range_separators
    assert g.traditional_spelling("中华人民共和国民事诉讼法") == "中華人民共和國民事訴訟法"
    assert g.simplified("若幹") == "若干"  # a variant read as the character, never written


def test_traditional_table_is_one_to_one() -> None:
    table = default_grammar().traditional
    assert all(s != t and len(s) == len(t) == 1 for s, t in table.items())
    assert len(set(table.values())) == len(table)


def test_every_registered_name_is_found_in_traditional_characters(project_registry) -> None:  # noqa: ANN001
    g = project_registry.grammar
    for name, slug in project_registry.names.items():
        if "《" in name:
            continue  # a title holding 《…》 is written with 〈…〉 inside 《》: that spelling is registered too
        text = f"见《{g.traditional_spelling(name)}》第一条"
        assert [c.law_slug for c in find_citations(text, project_registry)] == [slug], name


def test_a_new_form_is_data(tmp_path: Path) -> None:
    """A contributor adds a citation form by adding words: here 到 as a range word (第一条到第三条),
    for one registry, in the lawcite.yaml next to it."""
    shutil.copytree(FIXTURES / "laws", tmp_path / "laws")
    text = "《民法典》第一千零三十二条到第一千零三十四条"
    before = load_registry(tmp_path / "laws")
    assert [c.text for c in find_citations(text, before)] == ["《民法典》第一千零三十二条"]
    (tmp_path / "lawcite.yaml").write_text("separators:\n  range: [至, 到]\n", encoding="utf-8")
    after = load_registry(tmp_path / "laws")
    (c,) = find_citations(text, after)
    assert (c.article, c.through.article if c.through else None) == (1032, 1034)
    assert after.grammar.list_separators == before.grammar.list_separators  # the rest is kept


@pytest.mark.parametrize(
    ("settings", "line", "words"),
    [
        ("# a project's settings\nseparator:\n  range: [到]\n", 2, "'separator' is not a grammar entry"),
        ("separators:\n  range: 到\n", 2, "separators.range must be a list of non-empty words"),
        ("separators:\n  ranges: [到]\n", 2, "'separators.ranges' is not a grammar entry"),
        ("max_spaces: three\n", 1, "max_spaces must be a int"),
        ("appendix_order: [nowhere]\n", 1, "appendix_order must be a list of law_slugs"),
    ],
)
def test_a_broken_override_names_file_and_line(tmp_path: Path, settings: str, line: int, words: str) -> None:
    shutil.copytree(FIXTURES / "laws", tmp_path / "laws")
    (tmp_path / "lawcite.yaml").write_text(settings, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(tmp_path / "laws")
    assert err.value.path.endswith("lawcite.yaml") and err.value.line == line and words in err.value.message


def test_a_broken_grammar_file_names_its_line(tmp_path: Path) -> None:
    text = GRAMMAR_PATH.read_text(encoding="utf-8")
    repeated = tmp_path / "grammar.yaml"
    repeated.write_text(text.replace("  条: 條\n", "  条: 條\n  条: 条\n", 1), encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_grammar_file(repeated)
    assert "'条' is given twice" in err.value.message
    assert err.value.line == next(i for i, ln in enumerate(repeated.read_text(encoding="utf-8").splitlines(), 1)
                                  if ln == "  条: 条")
    empty = tmp_path / "empty.yaml"
    empty.write_text(text.replace("separators:\n  list: [、,", "separators:\n  list: ['', 、,", 1), encoding="utf-8")
    with pytest.raises(RegistryError, match="separators.list.0 is empty"):
        load_grammar_file(empty)


# --- one article value, one label -------------------------------------------------------------------

def test_article_ref_key_label_and_parse() -> None:
    ref = ArticleRef(293, 1)
    assert (ref.key, ref.label) == ("293-1", "第二百九十三条之一")
    assert ArticleRef.parse("293-1") == ref and ArticleRef.parse("50") == ArticleRef(50)
    assert sorted(map(ArticleRef.parse, ["294", "293-1", "293", "10"])) == [
        ArticleRef(10), ArticleRef(293), ArticleRef(293, 1), ArticleRef(294)]
    with pytest.raises(ValueError):
        ArticleRef.parse("第五十条")
    assert key_label("1032") == "第一千零三十二条"
    assert unit_label(ArticleRef(1032), 2, 3) == "第一千零三十二条第二款第（三）项"


def test_cited_label_of_ranges(project_registry) -> None:  # noqa: ANN001
    (c,) = find_citations("《民法典》第六百七十四条至第六百八十一条", project_registry)
    assert cited_label(c) == "第六百七十四条至第六百八十一条"
    (c,) = find_citations("民法典第一千零三十三条第一项至第五项", project_registry)
    assert cited_label(c) == "第一千零三十三条第（一）项至第（五）项"
