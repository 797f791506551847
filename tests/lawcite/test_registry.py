"""The registry loader: broken files give RegistryError with file and line, never a traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lawcite_paths import FIXTURES
from lawcite import RegistryError, load_registry


@pytest.fixture()
def laws(tmp_path: Path) -> Path:
    dst = tmp_path / "laws"
    shutil.copytree(FIXTURES / "laws", dst)
    return dst


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln)


def test_fixture_registry_loads(laws: Path) -> None:
    reg = load_registry(laws)
    assert reg.names["治安处罚法"] == "zhian"
    assert [v.id for v in reg.laws["zhian"]] == ["zhian-2013", "zhian-2026"]


def test_yaml_syntax_error(laws: Path) -> None:
    f = laws / "xingfa.yaml"
    edit(f, "kind: 法律", "kind: [法律")
    with pytest.raises(RegistryError) as e:
        load_registry(laws)
    assert e.value.path == str(f) and e.value.line is not None and "YAML" in e.value.message


def test_missing_key(laws: Path) -> None:
    f = laws / "xingfa.yaml"
    edit(f, "issuer: 全国人民代表大会\n", "")
    with pytest.raises(RegistryError, match=r"xingfa\.yaml:\d+: missing key 'issuer'"):
        load_registry(laws)


def test_wrong_type(laws: Path) -> None:
    f = laws / "xingfa.yaml"
    edit(f, "article_count: 452", "article_count: many")
    with pytest.raises(RegistryError) as e:
        load_registry(laws)
    assert e.value.line == line_of(f, "article_count:") and "article_count" in e.value.message


def test_duplicate_id(laws: Path) -> None:
    shutil.copy(laws / "xingfa.yaml", laws / "xingfa-copy.yaml")
    with pytest.raises(RegistryError, match="differs from the file name|duplicate id"):
        load_registry(laws)


def test_unknown_successor(laws: Path) -> None:
    f = laws / "hetongfa.yaml"
    edit(f, "successor: minfadian", "successor: minfadian-2099")
    with pytest.raises(RegistryError) as e:
        load_registry(laws)
    assert e.value.line == line_of(f, "successor:") and "minfadian-2099" in e.value.message


def test_map_to_missing_article(laws: Path) -> None:
    f = laws / "zhian-2026.yaml"
    edit(f, '"42": "50"', '"42": "500"')
    with pytest.raises(RegistryError) as e:
        load_registry(laws)
    assert e.value.line == line_of(f, "article_map:") and "500" in e.value.message


def test_article_text_for_missing_article(laws: Path) -> None:
    f = laws / "xingfa.yaml"
    edit(f, '  "238": |-', '  "999": |-')
    with pytest.raises(RegistryError) as e:
        load_registry(laws)
    assert e.value.line == line_of(f, '"999"')


def test_name_shared_by_two_laws(laws: Path) -> None:
    edit(laws / "fanzha.yaml", 'aliases: ["反诈法"]', 'aliases: ["刑法"]')
    with pytest.raises(RegistryError, match="used by two laws"):
        load_registry(laws)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nope")


# --- the parsed-registry cache (lawcite.yamlcache) ------------------------------------------------

def test_registry_cache_is_keyed_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from lawcite import load_registry as load

    cache = tmp_path / "cache"
    monkeypatch.setenv("LAWCITE_CACHE_DIR", str(cache))
    laws = tmp_path / "laws"
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "laws", laws)
    first = load(laws)
    (written,) = cache.glob("registry-*.marshal")
    again = load(laws)  # from the cache
    assert again.versions["xingfa"] == first.versions["xingfa"]
    assert again.names == first.names
    f = laws / "xingfa.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("aliases: []", "aliases: [刑法典]", 1), encoding="utf-8")
    changed = load(laws)
    assert changed.names.get("刑法典") == "xingfa" and "刑法典" not in first.names
    assert len(list(cache.glob("registry-*.marshal"))) == 2


def test_a_broken_cache_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lawcite import load_registry as load

    cache = tmp_path / "cache"
    monkeypatch.setenv("LAWCITE_CACHE_DIR", str(cache))
    fixtures = Path(__file__).resolve().parent / "fixtures" / "laws"
    load(fixtures)
    for f in cache.glob("registry-*.marshal"):
        f.write_bytes(b"not marshal data")
    assert load(fixtures).versions["xingfa"].title == "中华人民共和国刑法"


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lawcite import load_registry as load

    monkeypatch.setenv("LAWCITE_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load(Path(__file__).resolve().parent / "fixtures" / "laws")
    assert list(tmp_path.iterdir()) == []
