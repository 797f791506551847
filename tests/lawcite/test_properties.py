"""Hypothesis: no exception on any text or Markdown, spans inside the input, linear time."""
from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcite import Registry, check_citations, find_citations

ALPHABET = list("第条款项之一二三四五六七八九十百千零〇0123456789０１（）()、和及或者至《》〈〉民法典刑治安管理处罚本规定原旧现行年修正订“”「」…。，：\n >`[]()<>-*#!") + ["\n\n", "```", "《民法典》", "《刑法》", "    ", "---\n", "2012年",
    "條", "項", "章", "节", "分则", "劳动合同法", "关于", "最高人民法院", "的决定"]
UNIT_WORDS = ("条", "款", "项", "目", "條", "項", "）", ")")
texty = st.lists(st.sampled_from(ALPHABET), max_size=120).map("".join)
AS_OF = date(2026, 11, 29)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(texty, st.text(max_size=200)), markdown=st.booleans(), html=st.booleans())
def test_never_raises_and_spans_are_inside(reg: Registry, text: str, markdown: bool, html: bool) -> None:
    cites = find_citations(text, reg, markdown=markdown, html=html)
    for k, c in enumerate(cites):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        # a record ends with its unit word (or an item's closing bracket), except a number of a
        # compact list (第12、13条, 第一、二款): the next record of the same chain follows it
        if not c.text.endswith(UNIT_WORDS):
            following = cites[k + 1] if k + 1 < len(cites) else None
            assert following is not None and following.chain == c.chain and following.start > c.end, c.text
        lines = text.split("\n")
        assert 1 <= c.line <= len(lines) and 1 <= c.column <= len(lines[c.line - 1]) + 1
    findings = check_citations(cites, reg, AS_OF, text=text)
    assert len(findings) == len(cites)
    assert all(f.severity in ("ok", "warning", "error") for f in findings)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=texty, suffix=texty)
def test_a_known_citation_is_found_whatever_surrounds_it(reg: Registry, prefix: str, suffix: str) -> None:
    core = "《刑法》第二百三十八条"
    text = f"{prefix}\n\n{core}。\n\n{suffix}"
    cites = find_citations(text, reg, markdown=False)
    at = len(prefix) + 2
    assert any(c.start == at and c.article == 238 for c in cites)


@pytest.mark.parametrize(
    "unit",
    ["第", "《", "》", "《《", "第一", "第一条、", "《民法典》第", "第（", "`", "[", "<a ", "\n", "> ", "第一条第一款第一项", "一千零", "民法典第", "“"],
)
@pytest.mark.parametrize("markdown", [True, False])
def test_one_megabyte_adversarial_input_is_fast(reg: Registry, unit: str, markdown: bool) -> None:
    text = unit * (1_000_000 // len(unit))
    t0 = time.perf_counter()
    cites = find_citations(text, reg, markdown=markdown)
    check_citations(cites, reg, AS_OF, text=text)
    assert time.perf_counter() - t0 < 2.0


# --- the one-line fast path of the extractor gives exactly what the general path gives ------------

def _general_path_only(text: str, reg: Registry, **kwargs: object) -> list:
    """find_citations with its one-line fast path turned off (every block masked, joined, rescanned)."""
    return find_citations(text, reg, fast=False, **kwargs)  # type: ignore[arg-type]


PARAGRAPH_PARTS = ["本法第十条", "《民法典》第一千零二十四条", "民法典第五条、第六条", "刑法第二百三十八条第一款", "第二款",
                   "原", "2012年", "德国", "至第九条", "“", "”", "规定：", "。", "，", "的", " ", "\u3000", "`", "[x](y)", "|",
                   "<b>", "本规定第三条", "第（一）项", "治安管理处罚法第四十二条"]
paragraph = st.lists(st.sampled_from(PARAGRAPH_PARTS), min_size=1, max_size=12).map("".join)
paragraphs = st.lists(st.tuples(paragraph, st.sampled_from(["\n\n", "\n", "\n\n\n", "\n\n> ", "\n\n- ", "\n\n    "])),
                      max_size=6).map(lambda ps: "".join(p + sep for p, sep in ps))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=paragraphs, markdown=st.booleans(), html=st.booleans())
def test_fast_path_equals_general_path(reg: Registry, text: str, markdown: bool, html: bool) -> None:
    kwargs = {"markdown": markdown, "html": html, "self_law": "minfadian"}
    assert find_citations(text, reg, fast=True, **kwargs) == _general_path_only(text, reg, **kwargs)  # type: ignore[arg-type]


def test_fast_path_equals_general_path_on_the_statutes(project_registry: Registry) -> None:
    compared = 0
    for v in project_registry.versions.values():
        if not v.has_text:
            continue
        text = v.path.read_text(encoding="utf-8")
        law = v.id
        fast = find_citations(text, project_registry, self_law=law, fast=True)
        assert fast == _general_path_only(text, project_registry, self_law=law), v.id
        compared += len(fast)
    assert compared > 200  # the statutes cite themselves and each other a few hundred times


# --- traditional characters: the same citations -----------------------------------------------------

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=paragraphs)
def test_traditional_spelling_finds_the_same_citations(reg: Registry, text: str) -> None:
    def cited(t: str) -> list[tuple]:
        return [(c.start, c.end, c.law_slug, c.article, c.article_sub, c.paragraph, c.item, c.through, c.self_ref,
                 c.pin.kind if c.pin else None) for c in find_citations(t, reg, self_law="minfadian")]

    assert cited(reg.grammar.traditional_spelling(text)) == cited(text)
