"""lawcite.changes and lawcite.builddate on the real registry: which articles a version changes, stale pages,
coming changes, and the build date's settings."""
from __future__ import annotations

from datetime import date

import pytest

from lawcite import Registry, check_citations, find_citations
from lawcite.builddate import BuildDateError, build_date
from lawcite.changes import article_change, coming_change, coming_changes, page_staleness, stale_line, stale_notice
from lawcite.links import link_target

THREATS = "写恐吓信威胁他人人身安全的，依照《治安管理处罚法》第四十二条处罚。"
ADOPTED, EFFECTIVE = date(2025, 6, 27), date(2026, 1, 1)
IN_THE_WINDOW = date(2025, 8, 1)


@pytest.fixture(scope="module")
def registry(project_registry: Registry) -> Registry:
    return project_registry


def _findings(text: str, registry, as_of: date):  # noqa: ANN001, ANN202
    return check_citations(find_citations(text, registry), registry, as_of, text=text)


def test_the_2025_revision_is_registered_with_its_adoption_before_its_effect(registry) -> None:  # noqa: ANN001
    new = registry.versions["zhian@2026-01-01"]
    assert (new.adopted, new.effective) == (ADOPTED, EFFECTIVE)
    # registered, but not in force in the window: the 2012 text is
    assert registry.version_on("zhian", IN_THE_WINDOW).id == "zhian@2013-01-01"
    [f] = _findings(THREATS, registry, IN_THE_WINDOW)
    assert (f.status, f.version) == ("ok", date(2013, 1, 1))


def test_article_change_follows_the_reviewed_map(registry) -> None:  # noqa: ANN001
    old, new = registry.versions["zhian@2013-01-01"], registry.versions["zhian@2026-01-01"]
    moved = article_change(registry, old, "42", new)
    assert moved is not None and moved.new_keys == ("50",) and moved.renumbered and moved.kind == "renumbered"
    assert moved.text_changed  # 五百元 became 一千元, item (五) grew
    same_number = article_change(registry, old, "1", new)
    assert same_number is not None and not same_number.renumbered and same_number.kind == "text-changed"
    assert article_change(registry, new, "50", old) is None, "only a later version changes an article"


def test_coming_change_only_between_adoption_and_effect(registry) -> None:  # noqa: ANN001
    old = registry.versions["zhian@2013-01-01"]
    coming = coming_change(registry, old, "42", IN_THE_WINDOW)
    assert coming is not None and coming.note == "自 2026-01-01 起，本条将改为第五十条，内容也有修改"
    assert coming_change(registry, old, "42", EFFECTIVE) is None, "in force: no longer coming"
    assert coming_change(registry, registry.versions["zhian@2026-01-01"], "50", IN_THE_WINDOW) is None
    assert coming_change(registry, registry.versions["minfadian@2021-01-01"], "1032", IN_THE_WINDOW) is None


def test_tooltip_carries_the_coming_change(registry) -> None:  # noqa: ANN001
    [f] = _findings(THREATS, registry, IN_THE_WINDOW)
    target = link_target(f, registry, today=IN_THE_WINDOW)
    assert target is not None and target.anchor == "v2013-art-42"
    assert target.title.startswith("《治安管理处罚法》第四十二条（自 2026-01-01 起，本条将改为第五十条，内容也有修改）：有下列行为")
    later = link_target(f, registry, today=date(2026, 11, 30))
    assert later is not None and "本条将" not in later.title


def test_coming_changes_of_a_page(registry) -> None:  # noqa: ANN001
    text = THREATS + "\n\n自然人享有隐私权（《民法典》第一千零三十二条）。\n"
    listed = coming_changes(_findings(text, registry, IN_THE_WINDOW), registry, IN_THE_WINDOW)
    assert [(c.finding.citation.article_key, c.coming.change.new_keys) for c in listed] == [("42", ("50",))]


def test_page_reviewed_before_a_version_took_effect_is_stale(registry) -> None:  # noqa: ANN001
    text = "首先，" + THREATS + "\n\n其次，《治安管理处罚法》第一条是立法目的；《民法典》第一千零三十二条规定隐私权。\n"
    findings = _findings(text, registry, IN_THE_WINDOW)
    staleness = page_staleness(findings, registry, IN_THE_WINDOW, date(2026, 11, 30))
    assert staleness is not None
    [law] = staleness.laws  # 民法典 did not change
    assert law.judged.id == "zhian@2013-01-01" and [v.id for v in law.since] == ["zhian@2026-01-01"]
    assert [(c.line, c.kind, c.new_keys) for c in law.citations] == [(1, "renumbered", ("50",)), (3, "text-changed", ("1",))]
    assert stale_notice(staleness) == "本页核对于 2025-08-01；其引用的《治安管理处罚法》已于 2026-01-01 修订，本页尚未按新版本复核。"
    line = stale_line("docs/x.md", 3, staleness)
    assert "\n" not in line and line.startswith("docs/x.md: stale: reviewed 2025-08-01, but 《治安管理处罚法》")
    assert "line 4 《治安管理处罚法》第四十二条 → 第五十条 (renumbered, text changed)" in line
    assert "line 6 《治安管理处罚法》第一条 (text changed)" in line


def test_not_stale_before_the_version_takes_effect_nor_after_a_re_review(registry) -> None:  # noqa: ANN001
    findings = _findings(THREATS, registry, IN_THE_WINDOW)
    assert page_staleness(findings, registry, IN_THE_WINDOW, date(2025, 12, 31)) is None
    reviewed = date(2026, 1, 2)
    renewed = _findings(THREATS.replace("第四十二条", "第五十条"), registry, reviewed)
    assert page_staleness(renewed, registry, reviewed, date(2026, 11, 30)) is None


def test_repealed_law_makes_a_page_stale(registry) -> None:  # noqa: ANN001
    text = "借款合同适用《合同法》第二百一十一条。"
    reviewed = date(2020, 6, 1)
    staleness = page_staleness(_findings(text, registry, reviewed), registry, reviewed, date(2021, 1, 1))
    assert staleness is not None
    [law] = staleness.laws
    assert law.repealed_on == date(2021, 1, 1) and [c.kind for c in law.citations] == ["repealed"]
    assert "《合同法》已于 2021-01-01 废止" in stale_notice(staleness)


def test_build_date_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_BUILD_DATE", "2025-08-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_date() == IN_THE_WINDOW, "SITE_BUILD_DATE comes first"
    monkeypatch.delenv("SITE_BUILD_DATE")
    assert build_date() == date(1970, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767196800")  # 2025-12-31T16:00Z: already 2026-01-01 in China
    assert build_date() == EFFECTIVE
    monkeypatch.setenv("SITE_BUILD_DATE", "01/08/2025")
    with pytest.raises(BuildDateError, match=r"SITE_BUILD_DATE='01/08/2025' is not a date: write YYYY-MM-DD"):
        build_date()
