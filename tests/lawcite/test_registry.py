"""The registry loader: broken files give RegistryError with file and line and what to do, never a traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lawcite import RegistryError, load_registry
from lawcite_paths import FIXTURES


@pytest.fixture()
def laws(tmp_path: Path) -> Path:
    dst = tmp_path / "laws"
    shutil.copytree(FIXTURES / "laws", dst)  # copies the linked files' contents
    return dst


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln)


def load_error(laws: Path) -> RegistryError:
    with pytest.raises(RegistryError) as e:
        load_registry(laws)
    return e.value


def test_fixture_registry_loads(laws: Path) -> None:
    reg = load_registry(laws)
    assert reg.names["治安处罚法"] == "zhian"
    assert [v.id for v in reg.laws["zhian"]] == ["zhian@2013-01-01", "zhian@2026-01-01"]
    old, new = reg.laws["zhian"]
    assert (old.ends, old.end_reason) == (new.effective, "revised")  # derived from the next version
    assert new.renumbered_from == old.id and new.article_map["42"] == "50"
    xingfa = reg.versions["xingfa@2024-03-01"]
    assert (xingfa.article_count, len(xingfa.inserted), len(xingfa.articles)) == (452, 53, 505)
    hetongfa = reg.versions["hetongfa"]
    assert not hetongfa.has_text and hetongfa.has_article("1") is None and reg.successor_of(hetongfa).id == "minfadian@2021-01-01"


def test_yaml_syntax_error(laws: Path) -> None:
    f = laws / "xingfa@2024-03-01.md"
    edit(f, "kind: 法律", "kind: [法律")
    e = load_error(laws)
    assert e.path == str(f) and e.line is not None and "YAML" in e.message


def test_missing_key(laws: Path) -> None:
    f = laws / "xingfa@2024-03-01.md"
    edit(f, "issuer: 全国人民代表大会\n", "")
    with pytest.raises(RegistryError, match=r"xingfa@2024-03-01\.md:\d+: missing front-matter key 'issuer'"):
        load_registry(laws)


def test_wrong_type(laws: Path) -> None:
    f = laws / "xingfa@2024-03-01.md"
    edit(f, "adopted: 2023-12-29", "adopted: soon")
    e = load_error(laws)
    assert e.line == line_of(f, "adopted:") and "'adopted' must be a date YYYY-MM-DD or null" in e.message


@pytest.mark.parametrize(
    "old, new, at, message",
    [
        ("checked: 2026-11-29\n", "", None, "missing front-matter key 'checked'"),
        ("checked: 2026-11-29", "checked: soon", "checked:", "'checked' must be a date YYYY-MM-DD"),
        ("kind: 法律", "kind: 法规", "kind:", "'kind' must be one of 法律, 行政法规, 司法解释, not '法规'"),
        ("short: 刑法", "short: 《刑法》", "short:", "'short' must be the short name people write, bare"),
        ("source: \"https://flk.npc.gov.cn/", "source: \"https://example.com/", "source:",
         "must be the https://flk.npc.gov.cn/detail?bbbs=… address"),
        ("  normalised:", "  normalized:", "normalized:", "unknown key 'normalized' in 'provenance'"),
        ("  official_article_count: 505", "  official_article_count: many", "official_article_count:",
         "'provenance.official_article_count' must be the article count the official text states, or null, not 'many'"),
        ("short: 刑法\nkind: 法律\n", "kind: 法律\nshort: 刑法\n", "short:", "key 'short' comes before 'kind'"),
    ],
)
def test_front_matter_follows_the_schema(laws: Path, old: str, new: str, at: str | None, message: str) -> None:
    """lawcite/law_file.schema.json, checked by the loader: file, line and what to write, in one line."""
    f = laws / "xingfa@2024-03-01.md"
    edit(f, old, new)
    e = load_error(laws)
    assert e.path == str(f) and message in e.message and "\n" not in e.message
    assert e.line == (line_of(f, at) if at else 2)


def test_source_must_be_named_in_the_provenance(laws: Path) -> None:
    f = laws / "xingfa@2024-03-01.md"
    edit(f, "bbbs=ff808181796a636a0179822a19640c92\"", "bbbs=ff80818100000000000000000000000a\"")
    e = load_error(laws)
    assert e.line == line_of(f, "source:") and "source must be a page the provenance names" in e.message


def test_bad_date(laws: Path) -> None:
    f = laws / "xingfa@2024-03-01.md"
    edit(f, "adopted: 2023-12-29", "adopted: 2023-02-30")
    e = load_error(laws)
    assert e.path == str(f) and e.line == line_of(f, "adopted:") and "out of range" in e.message and "YYYY-MM-DD" in e.message


def test_effective_date_must_match_the_file_name(laws: Path) -> None:
    f = laws / "fanzha@2022-12-01.md"
    edit(f, "effective: 2022-12-01", "effective: 2022-12-02")
    e = load_error(laws)
    assert e.line == line_of(f, "effective:") and "differs from the date in the file name" in e.message


def test_adopted_after_effective(laws: Path) -> None:
    f = laws / "fanzha@2022-12-01.md"
    edit(f, "adopted: 2022-09-02", "adopted: 2023-09-02")
    e = load_error(laws)
    assert e.line == line_of(f, "adopted:") and "adopted must not be later than effective" in e.message


def test_numbering_gap(laws: Path) -> None:
    f = laws / "xingfa@2024-03-01.md"
    text = f.read_text(encoding="utf-8")
    start = text.index("\n第二百四十六条 ") + 1
    end = text.index("\n第二百四十七条 ") + 1
    f.write_text(text[:start] + text[end:], encoding="utf-8")
    e = load_error(laws)
    assert e.line == line_of(f, "第二百四十七条 ")
    assert "numbering gap" in e.message and "第二百四十六条 is missing" in e.message


def test_duplicate_article(laws: Path) -> None:
    f = laws / "zhian@2026-01-01.md"
    text = f.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("第五十条\u3000"))
    edit(f, line + "\n", line + "\n\n" + line + "\n")
    e = load_error(laws)
    first = line_of(f, "第五十条\u3000")
    assert e.line == first + 2 and "第五十条 appears twice" in e.message and f"line {first}" in e.message


def test_zhi_n_article_out_of_place(laws: Path) -> None:
    f = laws / "xingfa@2024-03-01.md"
    edit(f, "\n第二百九十三条之一 ", "\n第二百九十三条之二 ")
    e = load_error(laws)
    assert e.line == line_of(f, "第二百九十三条之二 ")
    assert "must come right after 第二百九十三条之一" in e.message


def test_malformed_article_number(laws: Path) -> None:
    f = laws / "fanzha@2022-12-01.md"
    edit(f, "\n第二条 ", "\n第二十十条 ")
    e = load_error(laws)
    assert e.line == line_of(f, "第二十十条") and "not a well-formed article number" in e.message


def test_front_matter_missing(laws: Path) -> None:
    f = laws / "fanzha@2022-12-01.md"
    f.write_text(f.read_text(encoding="utf-8").split("\n---\n", 1)[1], encoding="utf-8")
    e = load_error(laws)
    assert (e.path, e.line) == (str(f), 1) and "front matter" in e.message


def test_unknown_successor(laws: Path) -> None:
    f = laws / "hetongfa.md"
    edit(f, "successor: minfadian", "successor: minfadian-2099")
    e = load_error(laws)
    assert e.line == line_of(f, "successor:") and "minfadian-2099" in e.message


def test_ends_of_a_revised_version_is_derived(laws: Path) -> None:
    f = laws / "zhian@2013-01-01.md"
    edit(f, "effective: 2013-01-01\n", "effective: 2013-01-01\nends: 2026-01-01\nend_reason: repealed\n")
    e = load_error(laws)
    assert e.line == line_of(f, "ends:") and "ends is derived" in e.message


def test_a_revision_is_not_written_down(laws: Path) -> None:
    f = laws / "zhian@2013-01-01.md"
    edit(f, "effective: 2013-01-01\n", "effective: 2013-01-01\nends: 2026-01-01\nend_reason: revised\n")
    e = load_error(laws)
    assert e.line == line_of(f, "end_reason:") and "'end_reason' must be repealed or null" in e.message


def test_map_to_missing_article(laws: Path) -> None:
    f = laws / "zhian@2026-01-01.map.yaml"
    edit(f, '"42": "50"', '"42": "500"')
    e = load_error(laws)
    assert e.line == line_of(f, '"42": "500"') and "500" in e.message


def test_map_must_cover_every_old_article(laws: Path) -> None:
    f = laws / "zhian@2026-01-01.map.yaml"
    edit(f, '  "119": null\n', "")
    e = load_error(laws)
    assert e.path == str(f) and "lacks 1 article(s)" in e.message and "119" in e.message


def test_map_from_another_version(laws: Path) -> None:
    f = laws / "zhian@2026-01-01.map.yaml"
    edit(f, "from: zhian@2013-01-01", "from: zhian@2006-03-01")
    e = load_error(laws)
    assert e.line == line_of(f, "from:") and "zhian@2013-01-01" in e.message


def test_name_shared_by_two_laws(laws: Path) -> None:
    edit(laws / "fanzha@2022-12-01.md", 'aliases: ["反诈法"]', 'aliases: ["刑法"]')
    e = load_error(laws)
    assert "used by two laws" in e.message and "fanzha@2022-12-01.md" in e.message
    assert e.path == str(laws / "xingfa@2024-03-01.md") and e.line == line_of(Path(e.path), "short: 刑法")


def test_a_stray_file_is_named(laws: Path) -> None:
    (laws / "xingfa.yaml").write_text("id: xingfa\n", encoding="utf-8")
    e = load_error(laws)
    assert e.path.endswith("xingfa.yaml") and "not a registry file" in e.message


def test_a_badly_named_law_file(laws: Path) -> None:
    shutil.move(laws / "fanzha@2022-12-01.md", laws / "反诈法@2022-12-01.md")
    e = load_error(laws)
    assert "name the file <law_slug>@<effective>.md" in e.message


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nope")


# --- the parsed-registry cache (lawcite.yamlcache) ------------------------------------------------

def test_registry_cache_is_keyed_by_content(laws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("LAWCITE_CACHE_DIR", str(cache))
    first = load_registry(laws)
    (written,) = cache.glob("registry-*.marshal")
    again = load_registry(laws)  # from the cache
    assert again.versions["xingfa@2024-03-01"] == first.versions["xingfa@2024-03-01"]
    assert again.versions["zhian@2026-01-01"].article_map == first.versions["zhian@2026-01-01"].article_map
    assert again.names == first.names
    f = laws / "xingfa@2024-03-01.md"
    edit(f, "short: 刑法\n", "short: 刑法\naliases: [刑法典]\n")
    changed = load_registry(laws)
    assert changed.names.get("刑法典") == "xingfa" and "刑法典" not in first.names
    assert len(list(cache.glob("registry-*.marshal"))) == 2


def test_a_broken_cache_file_is_ignored(laws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("LAWCITE_CACHE_DIR", str(cache))
    load_registry(laws)
    for f in cache.glob("registry-*.marshal"):
        f.write_bytes(b"not marshal data")
    assert load_registry(laws).versions["xingfa@2024-03-01"].title == "中华人民共和国刑法"


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWCITE_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_registry(FIXTURES / "laws")
    assert list(tmp_path.iterdir()) == []
