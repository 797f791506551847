"""Critical styles: each page paints from an inline <style> before its stylesheets arrive.

On a slow connection the three stylesheets in <head> (Material's main and palette, the site's extra.css;
~ 28 KB compressed) held the first paint back by a round trip and their download. Here, after a page is
rendered, the rules of those stylesheets that apply to an element of the page are copied, in their order,
into a <style> in <head> where the first stylesheet was, and the stylesheet links move to the end of
<body>: Chromium paints the page with the inline rules, and the full stylesheets then add what a later
state needs (hover, focus, the search results, what scripts add). The final cascade is the same as before:
the full stylesheets come after the inline copy and hold every rule in the original order.

A rule is kept when one of its selectors matches an element of the page, in the light or in the dark scheme
(Material's inline palette script may switch <body> to `slate` before the first paint: a selector's
[data-md-color-scheme=…] matches either), its pseudo-element (::before …) ignored. Selectors on a state the page does not start in (:hover, :focus, a class a script adds)
match nothing and wait for the full stylesheet. @media and @supports keep their matching rules; @keyframes,
@font-face and @page wait. The policy allows the <style> by its hash (sitebuild.csp).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import cssselect2
import tinycss2
import tinyhtml5

# Material's palette sets <body data-md-color-scheme> to default or slate (from the reader's choice or system
# setting) before the first paint: a rule for either scheme is kept.
_ANY_SCHEME = re.compile(r"""\[\s*data-md-color-scheme\s*=\s*(["']?)[\w-]+\1\s*\]""")
_STYLESHEET_LINK = re.compile(r'[ \t]*<link rel="stylesheet" href="(?P<href>[^"]+)">\n?')
_HEAD_END = re.compile(r"</head>", re.IGNORECASE)
_BODY_END = re.compile(r"</body>", re.IGNORECASE)
GROUPING_AT_RULES = {"media", "supports"}


@dataclass(frozen=True)
class Rule:
    """A style rule, or a grouping at-rule (@media …) holding rules."""

    selectors: tuple[Any, ...]   # compiled cssselect2 selectors (empty for a grouping at-rule)
    text: str                    # the serialized rule (for a grouping rule: its prelude, "@media …")
    children: tuple[Rule, ...] = ()


def _compile(prelude: list[Any]) -> tuple[Any, ...]:
    compiled = []
    for selector_tokens in _split_selector_list(prelude):
        # any colour scheme: the page may start light or dark
        text = _ANY_SCHEME.sub("[data-md-color-scheme]", tinycss2.serialize(selector_tokens))
        try:
            compiled.extend(cssselect2.compile_selector_list(text))
        except cssselect2.SelectorError:
            continue  # a selector cssselect2 does not know (a vendor pseudo-class): the full sheet has it
    return tuple(compiled)


def _split_selector_list(prelude: list[Any]) -> list[list[Any]]:
    parts: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if any(t.type != "whitespace" for t in p)]


def _rules(nodes: list[Any]) -> tuple[Rule, ...]:
    rules = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = _compile(node.prelude)
            if selectors:
                rules.append(Rule(selectors, node.serialize()))
        elif node.type == "at-rule" and node.lower_at_keyword in GROUPING_AT_RULES and node.content is not None:
            children = _rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))
            if children:
                prelude = tinycss2.serialize(node.prelude).strip()
                rules.append(Rule((), f"@{node.at_keyword} {prelude}", children))
    return tuple(rules)


@functools.lru_cache(maxsize=16)
def _stylesheet(path: Path, mtime_ns: int) -> tuple[Rule, ...]:
    text = path.read_text(encoding="utf-8")
    return _rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))


def _flatten(rules: tuple[Rule, ...], into: list[Rule]) -> None:
    for rule in rules:
        if rule.children:
            _flatten(rule.children, into)
        else:
            into.append(rule)


@functools.lru_cache(maxsize=4)
def _matcher(sheets: tuple[tuple[Path, int], ...]) -> tuple[Any, tuple[tuple[Rule, ...], ...]]:
    """One cssselect2 matcher (indexed by id, class and tag) for every style rule of the sheets; the payload
    of a selector is its rule's identity."""
    matcher = cssselect2.Matcher()
    all_rules = tuple(_stylesheet(path, mtime) for path, mtime in sheets)
    flat: list[Rule] = []
    for rules in all_rules:
        _flatten(rules, flat)
    for rule in flat:
        for selector in rule.selectors:
            matcher.add_selector(selector, id(rule))
    return matcher, all_rules


def _used(rules: tuple[Rule, ...], matched: set[int]) -> str:
    out = []
    for rule in rules:
        if rule.children:
            inner = _used(rule.children, matched)
            if inner:
                out.append(f"{rule.text}{{{inner}}}")
        elif id(rule) in matched:
            out.append(rule.text)
    return "".join(out)


def critical_css(html: str, stylesheets: list[Path]) -> str:
    """The rules of `stylesheets` that apply to an element of `html`, light or dark, in their order."""
    matcher, all_rules = _matcher(tuple((p, p.stat().st_mtime_ns) for p in stylesheets))
    matched: set[int] = set()
    for element in cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html)).iter_subtree():
        matched.update(payload for *_, payload in matcher.match(element))
    css = "".join(_used(rules, matched) for rules in all_rules)
    return _minify_whitespace(css)


def _minify_whitespace(css: str) -> str:
    return re.sub(r"\s*\n\s*", "", css)


def local_stylesheets(html: str, page_url: str, site_dir: Path) -> list[tuple[str, Path]]:
    """The head's stylesheet links that name a file of the built site: (href as written, file)."""
    head = html[: m.start()] if (m := _HEAD_END.search(html)) else ""
    found = []
    for link in _STYLESHEET_LINK.finditer(head):
        href = link.group("href")
        if urlsplit(href).scheme or href.startswith("//"):
            continue
        path = urlsplit(urljoin("/" + page_url, href)).path.lstrip("/")
        file = site_dir / path
        if file.is_file():
            found.append((href, file))
    return found


def inline_critical(html: str, *, page_url: str, site_dir: Path) -> str:
    """`html` with its critical styles inline in <head> and its stylesheet links at the end of <body>."""
    sheets = local_stylesheets(html, page_url, site_dir)
    head_end = _HEAD_END.search(html)
    body_end = _BODY_END.search(html)
    if not sheets or head_end is None or body_end is None:
        return html
    css = critical_css(html, [file for _, file in sheets])
    hrefs = {href for href, _ in sheets}
    head, rest = html[: head_end.start()], html[head_end.start():]
    first = True

    def replace(link: re.Match[str]) -> str:
        nonlocal first
        if link.group("href") not in hrefs:
            return link.group(0)
        if first:
            first = False
            return f"    <style>{css}</style>\n"
        return ""

    head = _STYLESHEET_LINK.sub(replace, head)
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href, _ in sheets)
    rest = _BODY_END.sub(lambda m: f"{links}\n{m.group(0)}", rest, count=1)
    return head + rest


# --- MkDocs glue (called from sitebuild/hooks.py) ---------------------------------------------------------

# The PDF: WeasyPrint reads the stylesheets itself. The offline edition: read from disk, its stylesheets come at
# once, and a copy of the rules in each of its pages would make the zip a third larger.
EXCEPTED_EDITIONS = ("pdf", "offline")


def on_post_page(output: str, *, page_url: str, config: Any) -> str:
    if config.extra.get("edition") in EXCEPTED_EDITIONS:
        return output
    return inline_critical(output, page_url=page_url, site_dir=Path(config.site_dir))
