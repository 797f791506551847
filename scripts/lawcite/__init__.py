"""lawcite — find and check citations of Chinese laws (法律、行政法规、司法解释).

The whole pipeline in four verbs (eyecite-style):

    from lawcite import load_registry, find_citations, check_citations, annotate
    registry = load_registry()                       # the law texts: data/laws/*.md (+ *.map.yaml)
    cites = find_citations(text, registry)           # -> list[Citation], in text order
    findings = check_citations(cites, registry, date(2026, 11, 29), text=text)
    for f in findings: f.status, f.severity, f.message, f.suggestion, f.to_dict(path)

`load_registry(path=None) -> Registry`
    path: a folder of law files <law_slug>@<effective>.md (YAML front matter + official text) and
    article maps <law_slug>@<effective>.map.yaml; default: lawcite.registry.default_registry_path()
    ($LAWCITE_REGISTRY, ./data/laws, the registry installed with the package, this repository's).
    A lawcite.yaml next to the folder may replace entries of the grammar. Raises `RegistryError`
    (attributes: path, line, message; str() is "path:line: message") for any broken file.

`find_citations(text, registry, *, markdown=True, html=False, self_law=None, fast=True) -> list[Citation]`
    One record per cited unit: 《刑法》第二百四十六条、第二百九十三条之一 gives two Citations (the second
    with law_as_written None); a range 第X条至第Y条 gives one with `through`. Spans (`start`, `end`)
    are code-point offsets into `text`; `line`/`column` are 1-based (code points). markdown=True skips
    front matter, fenced/indented code, inline code, links, HTML tags/attributes; html=True strips
    tags (text nodes only). Self-references (本法, 本规定, 本解释, 本条例) are left out unless
    `self_law` (a law_slug or version id) says which law the text is; then they are returned with
    `self_ref=True`. A 《title》 with no article after it is not a citation. The citation language
    (every word the extractor knows) is lawcite/grammar.yaml.

`check_citations(citations, registry, as_of, *, text=None) -> list[Finding]`
    One Finding per Citation (same order), `status` one of lawcite.models.Status: ok, unknown-law,
    no-such-article, superseded, repealed, not-yet-in-force, quote-mismatch, unknown-version
    (warning), quote-unchecked (warning). Passing `text` (the text the citations were found in)
    turns on the quotation check. See lawcite.check for the rules.

`annotate(text, registry, as_of, ...)` — every linkable citation rewritten as a link to the law
appendix (lawcite.mdext, imported lazily: it needs Python-Markdown).

Records: lawcite.models (Citation, Finding, Through, Pin, Division, Status), lawcite.articles
(ArticleRef). Output formats: lawcite.report. The command line: lawcite.cli (`lawcite check`).
"""
from __future__ import annotations

from typing import Any

from .articles import ArticleRef
from .check import check_citations
from .errors import RegistryError
from .extract import find_citations
from .models import Citation, Division, Finding, Pin, Status, Through
from .registry import Registry, load_registry

__all__ = [
    "ArticleRef",
    "Citation",
    "Division",
    "Finding",
    "Pin",
    "Registry",
    "RegistryError",
    "Status",
    "Through",
    "annotate",
    "check_citations",
    "find_citations",
    "load_registry",
]


def __getattr__(name: str) -> Any:
    # annotate lives with the Markdown integration; importing it eagerly would pull in Markdown.
    if name == "annotate":
        from .mdext import annotate

        return annotate
    raise AttributeError(name)
