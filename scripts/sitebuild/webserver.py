"""What a web server needs beside the web site's pages, written by the web build's last step:

- a `.gz` copy next to every text file (HTML, CSS, JS, JSON, XML, SVG, TXT), so that nginx's
  `gzip_static on` serves it without compressing on each request. gzip level 9 with the header's
  timestamp 0 and no file name: the same site gives the same bytes on every build.
- `.nginx/headers.conf`, the response headers every file gets (deploy/nginx/site.conf includes it): the
  site's Content-Security-Policy as an HTTP header, made from the policy the pages carry in their meta
  element (sitebuild.csp) with `frame-ancestors 'none'` added, which a meta element cannot carry; and
  X-Content-Type-Options and Referrer-Policy. A page's inline scripts differ with its depth, so the header
  allows the scripts of every page; each page's own meta policy still narrows it to its own (a browser
  enforces both).

Only the web edition gets these: the offline edition is a zip of files and the PDF is one file.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from html import unescape
from pathlib import Path

from sitebuild import csp

COMPRESSED_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"})
HEADERS_FILE = Path(".nginx/headers.conf")
FRAME_ANCESTORS = "frame-ancestors 'none'"
_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')
_HASH_SOURCE = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def gzip_bytes(data: bytes) -> bytes:
    """gzip level 9, timestamp 0 and no file name in the header: deterministic."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def precompress(site_dir: Path) -> list[Path]:
    """Write `<file>.gz` beside every text file of the site; the files written."""
    written = []
    for file in sorted(site_dir.rglob("*")):
        if file.suffix in COMPRESSED_SUFFIXES and file.is_file() and HEADERS_FILE.parent.name not in file.parts:
            target = file.with_name(file.name + ".gz")
            target.write_bytes(gzip_bytes(file.read_bytes()))
            written.append(target)
    return written


def page_hashes(html_files: Iterable[Path]) -> dict[str, set[str]]:
    """The 'sha256-…' sources of the policies in these pages' meta elements, by directive (script-src, style-src)."""
    hashes: dict[str, set[str]] = {"script-src": set(), "style-src": set()}
    for file in html_files:
        m = _META_POLICY.search(file.read_text(encoding="utf-8"))
        if m is None:
            continue
        for directive in unescape(m.group("policy")).split(";"):
            name, _, sources = directive.strip().partition(" ")
            if name in hashes:
                hashes[name].update(_HASH_SOURCE.findall(sources))
    return hashes


def header_policy(site_dir: Path) -> str:
    """The Content-Security-Policy header for every file of the site: every page's hashes (the page's own meta
    policy, which the browser applies too, still allows only its own)."""
    hashes = page_hashes(site_dir.rglob("*.html"))
    return f"{csp.policy(hashes['script-src'], hashes['style-src'])}; {FRAME_ANCESTORS}"


def nginx_headers(policy_text: str) -> str:
    return (
        "# Written by the web build (sitebuild.webserver): the headers of every response; do not edit.\n"
        f'add_header Content-Security-Policy "{policy_text}" always;\n'
        'add_header X-Content-Type-Options "nosniff" always;\n'
        'add_header Referrer-Policy "no-referrer" always;\n'
    )


def write_server_files(site_dir: Path) -> None:
    """The headers file and the .gz copies (the headers file first: it is not compressed or served)."""
    target = site_dir / HEADERS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nginx_headers(header_policy(site_dir)), encoding="utf-8")
    precompress(site_dir)
