"""A Content-Security-Policy for every page of the web site and of the offline edition (not the PDF).

The policy is a <meta http-equiv="Content-Security-Policy"> put right after <meta charset> (a policy in
a meta element governs only what comes after it). It lets a page load scripts, styles, images, fonts,
frames and data from its own site only ('self'; from file:// that is the unpacked folder), so a future
change that loads something from another host is blocked in the reader's browser, not only caught by a test.

Inline scripts are allowed by their SHA-256 hash, never by 'unsafe-inline'. The hashes are computed here,
after the page is rendered (a post-page hook, the last one), from the scripts the page really contains —
Material's `__md_scope`, palette and tab-target scripts, which differ with the page's depth — so they
follow the theme on an upgrade by themselves. Data blocks (`application/json`, `application/ld+json`) are
not executed and need no hash. Scripts written into the page's own content (docs/*.md) get no hash: they
are blocked, and the build warns, as it does for inline style attributes and event handlers.

The offline edition adds one script that is not in the page: Material's search runs in a Web Worker, which
Chromium refuses to start from file://, so the vendored iframe-worker shim starts it in an iframe and
writes a small inline script into it (the iframe inherits the page's policy). Its text is made from the
shim's own source and the page's worker URL, so `iframe_worker_script` rebuilds it from the vendored file:
the hash follows the shim too, and a shim whose source no longer has that shape is a build warning.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.sitebuild.csp")

# img-src: Material's stylesheets draw their icons (admonitions, navigation arrows …) from data: SVG URLs.
# style-src 'self': the stylesheets are files, plus the page's critical styles (sitebuild.critical_css), one
# <style> in <head> allowed by its hash like the inline scripts; Material and the site's scripts set styles
# through the CSSOM (element.style), which a policy does not restrict; no page has a style attribute.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
META_NAME = "Content-Security-Policy"

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""(?P<name>[^\s=/>"']+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+)))?""")
_STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
# The type values that make a <script> executable (HTML: the JavaScript MIME type essence matches, and module).
SCRIPT_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
    "text/javascript1.4", "text/javascript1.5",
}


class CspError(ValueError):
    """The policy cannot be added or computed; the message says what to do."""


@dataclass(frozen=True)
class InlineScript:
    text: str
    line: int

    @property
    def source(self) -> str:
        """The script's hash as a CSP source expression: 'sha256-…'."""
        return hash_source(self.text)


def hash_source(text: str) -> str:
    # The HTML parser turns CR LF and CR into LF before the browser hashes the script's text.
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attrs(text: str) -> dict[str, str]:
    found = {}
    for m in _ATTR.finditer(text):
        value = m.group("dq") if m.group("dq") is not None else m.group("sq") if m.group("sq") is not None else m.group("bare")
        found[m.group("name").lower()] = value or ""
    return found


def inline_scripts(html: str) -> list[InlineScript]:
    """The page's executable inline scripts (no src, a JavaScript type), with their lines."""
    scripts = []
    for m in _SCRIPT.finditer(html):
        attrs = _attrs(m.group("attrs"))
        if "src" in attrs or attrs.get("type", "").strip().lower() not in SCRIPT_TYPES:
            continue
        scripts.append(InlineScript(m.group("body"), html.count("\n", 0, m.start()) + 1))
    return scripts


def inline_styles(html: str) -> list[str]:
    """The text of every <style> element of the page, in order."""
    return [m.group("body") for m in _STYLE.finditer(html)]


def script_sources(html: str) -> list[str]:
    """The src of every <script src> in the page, in order."""
    return [attrs["src"] for m in _SCRIPT.finditer(html) if "src" in (attrs := _attrs(m.group("attrs")))]


def policy(script_hashes: Iterable[str], style_hashes: Iterable[str] = ()) -> str:
    """The policy text: DIRECTIVES with the given 'sha256-…' sources added to script-src and style-src."""
    added = {"script-src": sorted(set(script_hashes)), "style-src": sorted(set(style_hashes))}
    parts = []
    for name, value in DIRECTIVES:
        hashes = added.get(name, [])
        parts.append(f"{name} {value}" + (" " + " ".join(hashes) if hashes else ""))
    return "; ".join(parts)


def add_policy(html: str, policy_text: str) -> str:
    """The page with the policy's meta element right after <meta charset> (or at the start of <head>)."""
    content = escape(policy_text, quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="{META_NAME}" content="{content}">'
    anchor = _CHARSET_META.search(html) or _HEAD.search(html)
    if anchor is None:
        raise CspError("the page has no <head>: the Content-Security-Policy cannot be added")
    return html[: anchor.end()] + "\n    " + meta + html[anchor.end():]


# --- what the policy blocks in a page's own content -----------------------------------------------------


@dataclass(frozen=True)
class Blocked:
    line: int
    what: str
    fix: str


class _BlockedFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Blocked] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Blocked(line, f"the event handler {name}= on <{tag}>",
                                          "attach it in a script under docs/javascripts/"))
            elif name == "style":
                self.found.append(Blocked(line, f"the style attribute on <{tag}>",
                                          "give the element a class and style it in docs/stylesheets/extra.css"))
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(Blocked(line, f"the javascript: URL in <{tag} {name}>",
                                          "use a button and a script under docs/javascripts/"))
        if tag == "style":
            self.found.append(Blocked(line, "a <style> element", "move its rules into docs/stylesheets/extra.css"))


def blocked_in_content(content_html: str) -> list[Blocked]:
    """What the policy would block in a page's own content (docs/*.md): inline scripts, event handlers,
    style attributes and elements, javascript: URLs — each with its line in the rendered content."""
    found = [
        Blocked(s.line, "an inline <script>", "put the script in docs/javascripts/ and list it in extra_javascript")
        for s in inline_scripts(content_html)
    ]
    finder = _BlockedFinder()
    finder.feed(content_html)
    finder.close()
    return found + finder.found


# --- the offline edition's iframe-worker shim -------------------------------------------------------------


_WRITE = re.compile(r"document\.write\(`")
_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>.*?)<\\?/script>", re.DOTALL)
_PLACEHOLDER = re.compile(r"\$\{(?P<name>[A-Za-z_$][\w$]*)\}")
SHIM_SHAPE = (
    "the shim writes `document.write(`…<script>…${…}…<\\/script>…`)` into its iframe, with one ${…} that is not a "
    "function of the shim (the worker's URL)"
)


def _template_literal(source: str, start: int) -> str:
    """The raw text of the template literal whose opening backtick is at source[start - 1]."""
    i = start
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source[i] == "`":
            return source[start:i]
        i += 1
    raise CspError("iframe-worker shim: a template literal does not end")


def _function_source(source: str, name: str) -> str | None:
    """The text of `function name(…){…}` as Function.prototype.toString gives it (no braces in strings)."""
    m = re.search(rf"function {re.escape(name)}\(", source)
    if m is None:
        return None
    body = source.index("{", m.end())
    depth = 0
    for i in range(body, len(source)):
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        if depth == 0:
            return source[m.start(): i + 1]
    return None


def _unescape_template(raw: str) -> str:
    if re.search(r"\\[^/`\\$]", raw):
        raise CspError("iframe-worker shim: the iframe's script has an escape this reader does not handle")
    return re.sub(r"\\([/`\\$])", r"\1", raw)


def iframe_worker_script(shim_source: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its iframe to run `worker_url` (Material's
    search worker, as the page's __config names it)."""
    write = _WRITE.search(shim_source)
    if write is None:
        raise CspError(f"iframe-worker shim: no document.write(`…`) found; expected: {SHIM_SHAPE}")
    literal = _template_literal(shim_source, write.end())
    script = _TEMPLATE_SCRIPT.search(literal)
    if script is None:
        raise CspError(f"iframe-worker shim: no inline <script> in what it writes; expected: {SHIM_SHAPE}")
    body = _unescape_template(script.group("body"))
    url_names = {m.group("name") for m in _PLACEHOLDER.finditer(body) if _function_source(shim_source, m.group("name")) is None}
    if len(url_names) != 1:
        raise CspError(f"iframe-worker shim: {len(url_names)} placeholders that are not functions; expected: {SHIM_SHAPE}")

    def fill(m: re.Match[str]) -> str:
        name = m.group("name")
        return worker_url if name in url_names else str(_function_source(shim_source, name))

    return _PLACEHOLDER.sub(fill, body)


_CONFIG = re.compile(r'<script id="__config" type="application/json">(?P<json>.*?)</script>', re.DOTALL)


def search_worker_url(html: str) -> str | None:
    """The search worker's URL as Material's page configuration (`#__config`) gives it to `new Worker()`."""
    m = _CONFIG.search(html)
    if m is None:
        return None
    try:
        value = json.loads(m.group("json")).get("search")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def uses_iframe_worker(html: str) -> bool:
    return any(src.split("?")[0].endswith("iframe-worker/shim.js") for src in script_sources(html))


def page_policy(html: str, *, author_content: str = "", shim_source: str | None = None) -> str:
    """The policy for one rendered page: its inline scripts' and styles' hashes (not those of its own content),
    and the iframe-worker's script when the page loads the shim."""
    own = {s.source for s in inline_scripts(author_content)}
    hashes = {s.source for s in inline_scripts(html)} - own
    styles = {hash_source(text) for text in inline_styles(html)} - {hash_source(text) for text in inline_styles(author_content)}
    if shim_source is not None and uses_iframe_worker(html):
        worker = search_worker_url(html)
        if worker is None:
            raise CspError("the page loads the iframe-worker shim but names no search worker (#__config)")
        hashes.add(hash_source(iframe_worker_script(shim_source, worker)))
    return policy(hashes, styles)


# --- MkDocs glue (called from sitebuild/hooks.py) ---------------------------------------------------------

EXCEPTED_EDITIONS = ("pdf",)  # WeasyPrint renders the PDF from files; no browser enforces anything there
_serving = False  # `mkdocs serve`: its live-reload script is inline and changes with every request


def on_startup(command: str) -> None:
    global _serving
    _serving = command == "serve"
    if _serving:
        log.info("mkdocs serve: the pages get no Content-Security-Policy (MkDocs' live-reload script is inline and "
                 "differs on every request); `mkdocs build` and ./tasks.sh build add it")


def serving() -> bool:
    """True under `mkdocs serve`."""
    return _serving


def _shim_source(config: Any) -> str | None:
    """The vendored iframe-worker shim (extra.polyfills, the offline edition), or None when none is listed."""
    for entry in config.extra.get("polyfills") or []:
        path = entry if isinstance(entry, str) else entry.get("path", "") if isinstance(entry, dict) else ""
        if "iframe-worker" in path and not re.match(r"^[a-z]+:|^//", path):
            file = Path(config.docs_dir) / path
            if file.is_file():
                return file.read_text(encoding="utf-8")
    return None


def secure_page(output: str, *, where: str, content: str, config: Any) -> str:
    """`output` with its policy; warnings (strict builds fail) for what the policy blocks in the page's own
    content, and when the policy cannot be made."""
    if _serving or config.extra.get("edition") in EXCEPTED_EDITIONS:
        return output
    for item in blocked_in_content(content):
        log.warning(
            "%s: %s is blocked by the site's Content-Security-Policy (sitebuild.csp): %s "
            "(line %d of the rendered content)", where, item.what, item.fix, item.line,
        )
    try:
        return add_policy(output, page_policy(output, author_content=content, shim_source=_shim_source(config)))
    except CspError as err:
        log.warning("%s: %s (sitebuild.csp; docs/assets/vendor/iframe-worker/SOURCE.txt says where the shim came from)",
                    where, err)
        return output
