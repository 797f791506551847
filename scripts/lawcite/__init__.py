"""lawcite — find and check citations of Chinese laws (法律、行政法规、司法解释).

The whole pipeline in four verbs (eyecite-style):

    from lawcite import load_registry, find_citations, check_citations
    registry = load_registry()                       # data/laws/*.md texts (+ *.map.yaml, data/aliases.yaml)
    cites = find_citations(text, registry)           # -> list[Citation], in text order
    findings = check_citations(cites, registry, date(2026, 11, 29), text=text)
    for f in findings: f.status, f.severity, f.message, f.suggestion, f.to_dict(path)

`load_registry(path=None) -> Registry`
    path: a folder of law files <law_slug>@<effective>.md (YAML front matter + official text) and
    article maps <law_slug>@<effective>.map.yaml (default: <repo>/data/laws); see lawcite.registry
    and lawcite.lawtext. Raises `RegistryError` (attributes: path, line, message; str() is
    "path:line: message") for any broken file: bad front matter or date, a numbering gap, a
    repeated or misplaced article, a map that does not fit the texts.

`find_citations(text, registry, *, markdown=True, html=False, self_law=None) -> list[Citation]`
    One record per cited unit: 《刑法》第二百四十六条、第二百九十三条之一 gives two Citations (the second
    with law_as_written None); a range 第X条至第Y条 gives one with `through`. Spans (`start`, `end`)
    are code-point offsets into `text`; `line`/`column` are 1-based (code points). markdown=True skips
    front matter, fenced/indented code, inline code, links, HTML tags/attributes; html=True strips
    tags (text nodes only). Self-references (本法, 本规定, 本解释, 本条例) are left out unless
    `self_law` (a law_slug or version id) says which law the text is; then they are returned with
    `self_ref=True`. A 《title》 with no article after it is not a citation.

`check_citations(citations, registry, as_of, *, text=None) -> list[Finding]`
    One Finding per Citation (same order), status one of: ok, unknown-law, no-such-article,
    superseded, repealed, not-yet-in-force, quote-mismatch, unknown-version (warning: a pinned
    year the registry has no version for), quote-unchecked (warning: a quotation of a law the
    registry holds by name only, with no text to check it against). Passing `text` (the text the
    citations were found in) turns on the quotation check. See lawcite.check for the rules.

`annotate(...)` — the site integration's helper, provided by lawcite.mdext (imported lazily).

Models: lawcite.models.Citation, Finding, Through, Pin. Output: lawcite.report.
"""
from __future__ import annotations

from typing import Any

from .check import check_citations
from .extract import find_citations
from .models import Citation, Finding, Pin, Through
from .registry import Registry, RegistryError, load_registry

__all__ = [
    "Citation",
    "Finding",
    "Pin",
    "Registry",
    "RegistryError",
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
