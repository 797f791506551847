"""看懂催收短信: the claims of collection messages, written once in data/message_claims.yaml.

The build reads and checks the file, and from it makes:
- javascripts/message-claims.js, a generated file defining `window.MESSAGE_CLAIMS` (the patterns, scam
  flags, answer pages and the traditional→simplified table) for docs/javascripts/read-message.js: a
  script file, not JSON fetched at run time, so the reader also works from file:// (offline edition);
- the table of every kind (what the words mean, what is true with its article, what to do now, the page
  that answers it), put where a page has `<!-- message-claims -->`, as Markdown before the page is
  converted (in the file's text, before the law appendix collects the site's citations), so its citations
  are checked and linked like every page's;
- a short list of the handout's kinds where a page has `<!-- message-claims-short -->`;
- the reader's form where a page has `<!-- message-reader -->` (not in the PDF: paper has no textarea).

A kind whose answer page is not in the build is a build warning (sitebuild.hooks), so a strict build fails.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CLAIMS_FILE = Path("data") / "message_claims.yaml"
SCRIPT_URI = "javascripts/message-claims.js"
TABLE_PLACEHOLDER = "<!-- message-claims -->"
SHORT_PLACEHOLDER = "<!-- message-claims-short -->"
READER_PLACEHOLDER = "<!-- message-reader -->"
HREF = re.compile(r"^(?:[a-z0-9-]+/)*$")
REQUIRED = ("id", "title", "patterns", "truth", "action", "href")
# Python syntax that JavaScript's RegExp reads differently or not at all.
NOT_JS = re.compile(r"\(\?P|\(\?[aiLmsux]|\\[AZz]")


class MessageClaimsError(Exception):
    """The data cannot be used; the message names the file, the kind and what to fix."""


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: str
    scam: bool


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    title: str
    patterns: tuple[Pattern, ...]
    excepts: tuple[str, ...]
    scam: bool
    truth: str
    action: str
    href: str
    handout: bool
    short: str


@dataclass(frozen=True, slots=True)
class Claims:
    kinds: tuple[Kind, ...]
    traditional: dict[str, str]


def load(path: Path) -> Claims:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise MessageClaimsError(f"{path}: cannot read the message claims ({err.strerror}).") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise MessageClaimsError(f"{path}{line}: not valid YAML ({getattr(err, 'problem', err)}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), list):
        raise MessageClaimsError(f"{path}: needs `kinds:`, a list of kinds (id, title, patterns, truth, action, href).")
    kinds = [_kind(path, number, entry) for number, entry in enumerate(data["kinds"], start=1)]
    seen: set[str] = set()
    for kind in kinds:
        if kind.id in seen:
            raise MessageClaimsError(f"{path}: kind {kind.id} is listed twice; keep one.")
        seen.add(kind.id)
    return Claims(tuple(kinds), _traditional(path, data.get("traditional", "")))


def _kind(path: Path, number: int, entry: Any) -> Kind:
    if not isinstance(entry, dict):
        raise MessageClaimsError(f"{path}: kind {number} is not a mapping.")
    name = entry.get("id", f"number {number}")
    missing = [key for key in REQUIRED if not entry.get(key)]
    if missing:
        raise MessageClaimsError(f"{path}: kind {name} needs {', '.join(missing)}.")
    href = entry.get("href", "")
    if not HREF.match(str(href)):
        raise MessageClaimsError(
            f"{path}: kind {name}: href {href!r} must be a page address from the site root ending in /, e.g. faq/jail/."
        )
    if entry.get("handout") and not entry.get("short"):
        raise MessageClaimsError(f"{path}: kind {name} is on the handout: give it a `short` line.")
    patterns = tuple(_pattern(path, name, item) for item in entry["patterns"])
    excepts = tuple(_regex(path, name, str(item)) for item in entry.get("except") or [])
    return Kind(
        id=str(entry["id"]), title=str(entry["title"]), patterns=patterns, excepts=excepts,
        scam=bool(entry.get("scam", False)), truth=str(entry["truth"]).strip(), action=str(entry["action"]).strip(),
        href=str(entry["href"]), handout=bool(entry.get("handout", False)), short=str(entry.get("short") or ""),
    )


def _pattern(path: Path, name: str, item: Any) -> Pattern:
    if isinstance(item, dict):
        return Pattern(_regex(path, name, str(item.get("re", ""))), bool(item.get("scam", False)))
    return Pattern(_regex(path, name, str(item)), False)


def _regex(path: Path, name: str, text: str) -> str:
    if not text:
        raise MessageClaimsError(f"{path}: kind {name}: an empty pattern; write a regular expression or remove it.")
    if NOT_JS.search(text):
        raise MessageClaimsError(f"{path}: kind {name}: pattern {text!r} uses Python-only syntax; the browser runs it.")
    try:
        re.compile(text)
    except re.error as err:
        raise MessageClaimsError(f"{path}: kind {name}: pattern {text!r} is not a regular expression ({err}).") from None
    return text


def _traditional(path: Path, text: Any) -> dict[str, str]:
    table: dict[str, str] = {}
    for pair in str(text or "").split():
        if len(pair) != 2:
            raise MessageClaimsError(f"{path}: traditional: {pair!r} is not one traditional and one simplified character.")
        table[pair[0]] = pair[1]
    return table


def to_script(claims: Claims) -> str:
    """The data the reader's script needs, as a script file that defines it."""
    data = {
        "traditional": claims.traditional,
        "kinds": [
            {
                "kind": kind.id, "title": kind.title, "href": kind.href, "scam": kind.scam,
                "patterns": [{"re": p.regex, "scam": p.scam} for p in kind.patterns],
                "except": list(kind.excepts),
            }
            for kind in claims.kinds
        ],
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"/* Generated from data/message_claims.yaml by sitebuild.message_claims; do not edit. */\nwindow.MESSAGE_CLAIMS = {body};\n"


def _link(kind: Kind, page_dir: str, existing: set[str]) -> str:
    """A Markdown link from a page in `page_dir` (a docs folder, '' for the root) to the kind's answer."""
    source = _source_of(kind.href, existing)
    return _relative(source, page_dir) if source else ""


def _source_of(href: str, existing: set[str]) -> str:
    if not href:
        return ""
    for candidate in (href.rstrip("/") + ".md", href + "index.md"):
        if candidate in existing:
            return candidate
    return ""


def _relative(target: str, page_dir: str) -> str:
    depth = len([part for part in page_dir.split("/") if part])
    return "../" * depth + target


def missing_pages(claims: Claims, existing: set[str]) -> list[Kind]:
    """The kinds whose answer page is not in this build."""
    return [kind for kind in claims.kinds if not _source_of(kind.href, existing)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(claims: Claims, page_dir: str, existing: set[str]) -> str:
    """Every kind as a row: scam signs first, each with its anchor for the reader's script."""
    rows = ["| 短信里这样说 | 真实情况 | 现在怎么做 | 详细解答 |", "|---|---|---|---|"]
    for kind in sorted(claims.kinds, key=lambda k: not k.scam):
        link = _link(kind, page_dir, existing)
        answer = f"[看解答]({link})" if link else ""
        sign = "**可能是骗局：**" if kind.scam else ""
        rows.append(
            f'| <span class="claim-anchor" id="claim-{kind.id}"></span>{sign}{_cell(kind.title)} '
            f"| {_cell(kind.truth)} | {_cell(kind.action)} | {answer} |"
        )
    return "\n".join(rows)


def short_list(claims: Claims, page_dir: str, existing: set[str]) -> str:
    """The handout's kinds, one short line each: what the words claim and what to do."""
    lines = []
    for kind in claims.kinds:
        if kind.handout:
            lines.append(f"- {kind.short}")
    return '<div class="handout-claims" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def short_paragraph(claims: Claims) -> str:
    """The handout's kinds as one paragraph (a sheet of A4 has little room): one sentence each."""
    return " ".join(kind.short for kind in claims.kinds if kind.handout)


READER_FORM = """<div class="message-reader" markdown="0">
<label class="message-reader__label" for="message-text">把短信粘贴到这里（也可以用语音输入）：</label>
<textarea id="message-text" class="message-reader__text" rows="5" maxlength="10000" autocomplete="off"
 autocorrect="off" autocapitalize="off" spellcheck="false" placeholder="例如：您的案件已转法务部，将于明日上门核实"></textarea>
<p class="message-reader__privacy">你贴的文字只在这台手机或电脑上读，不发送、不保存。</p>
<div class="message-reader__result" aria-live="polite"><p class="message-reader__status">贴上短信后，这里会逐条说明。</p></div>
</div>"""


def has_placeholder(markdown: str) -> bool:
    return any(mark in markdown for mark in (TABLE_PLACEHOLDER, SHORT_PLACEHOLDER, READER_PLACEHOLDER))


def render(markdown: str, *, claims: Claims, page_dir: str, existing: set[str], edition: str) -> str:
    """Fill this module's placeholders in a page's Markdown (the reader's form: not in the PDF)."""
    if TABLE_PLACEHOLDER in markdown:
        markdown = markdown.replace(TABLE_PLACEHOLDER, table(claims, page_dir, existing))
    if SHORT_PLACEHOLDER in markdown:
        markdown = markdown.replace(SHORT_PLACEHOLDER, short_paragraph(claims))
    if READER_PLACEHOLDER in markdown:
        markdown = markdown.replace(READER_PLACEHOLDER, "" if edition == "pdf" else READER_FORM)
    return markdown
