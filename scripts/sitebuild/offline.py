"""The offline edition: mkdocs.offline.yml -> build/downloads/<extra.downloads.offline> (a zip).

Material's offline plugin makes the pages work from file:// and inlines the search index; the
iframe-worker shim it needs is vendored (docs/assets/vendor/iframe-worker/). Before zipping, the
built pages are checked for anything that would be fetched from another host, and what the offline site
never uses (source maps, the JSON search index, other languages' search files) is left out.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.downloads import STAGING_DIR
from sitebuild.editions import Edition
from sitebuild.errors import BuildError
from sitebuild.mkdocs_run import run_mkdocs_build

OFFLINE_BUILD_LOG = Path("build/offline-build.log")
# Fixed timestamps make the zip byte-identical for identical pages.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)

# Attributes whose URL the browser fetches by itself (an <a href> is only followed on a click).
FETCHED = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"),
           ("video", "src"), ("embed", "src"), ("object", "data"), ("link", "href"), ("img", "srcset")}
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class RemoteReference:
    file: str
    line: int
    url: str


class _FetchedUrls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (tag, name) in FETCHED:
                self.found.append((self.getpos()[0], value))


def remote_references(site_dir: Path) -> list[RemoteReference]:
    """URLs on another host that a page or stylesheet would load by itself."""
    found: list[RemoteReference] = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            parser = _FetchedUrls()
            parser.feed(path.read_text(encoding="utf-8"))
            for line, url in parser.found:
                for candidate in url.split(","):
                    candidate = candidate.strip().split(" ")[0]
                    if REMOTE.match(candidate):
                        found.append(RemoteReference(rel, line, candidate))
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in CSS_REMOTE.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(RemoteReference(rel, line, match.group(1)))
    return found


# --- what the offline site never uses ---------------------------------------------------------------------
# From file:// Material's bundle loads search/search_index.js (a script), never search_index.json (an
# XMLHttpRequest, which file:// refuses). Its search worker imports lunr.stemmer.support and one
# lunr.<lang>.min.js per language of the index (plus lunr.multi for several, tinyseg.js for ja,
# wordcut.js for hi and th): Material for MkDocs 9.8.2, workers/search (setupSearchLanguages).
# Source maps serve developer tools only.
SEARCH_INDEX_JSON = "search/search_index.json"
LUNR = "assets/javascripts/lunr"
SEGMENTERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}


def search_languages(site_dir: Path) -> list[str]:
    """The languages of the built search index (its config.lang); none when the site has no index."""
    index = site_dir / SEARCH_INDEX_JSON
    if not index.is_file():
        return []
    lang = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
    return [lang] if isinstance(lang, str) else list(lang)


def unused_files(site_dir: Path, languages: list[str]) -> list[Path]:
    """Files of the built offline site that no page, script or worker ever loads from file://."""
    needed = {f"{LUNR}/min/lunr.stemmer.support.min.js"}
    needed |= {f"{LUNR}/min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    needed |= {f"{LUNR}/{SEGMENTERS[lang]}" for lang in languages if lang in SEGMENTERS}
    if len(languages) > 1:
        needed.add(f"{LUNR}/min/lunr.multi.min.js")
    unused = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".map" or rel == SEARCH_INDEX_JSON or (rel.startswith(f"{LUNR}/") and rel not in needed):
            unused.append(path)
    return unused


def remove_unused(site_dir: Path) -> int:
    """Delete what the offline site never uses; the bytes removed."""
    removed = 0
    for path in unused_files(site_dir, search_languages(site_dir)):
        removed += path.stat().st_size
        path.unlink()
    return removed


def zip_top_folder(zip_name: str) -> str:
    """The one folder the zip holds: its name without .zip."""
    return zip_name.removesuffix(".zip")


def zip_site(site_dir: Path, target: Path) -> int:
    """Zip site_dir under one top folder; return the number of files. Written in one step (os.replace):
    the web build may read its size at any moment."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    top = zip_top_folder(target.name)
    count = 0
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site_dir).as_posix()}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
            count += 1
    os.replace(tmp, target)
    return count


def build_offline(root: Path, edition: Edition) -> Path:
    """Build the offline site, check that it loads nothing from another host, zip and stage it."""
    run_mkdocs_build(edition.config_file, root=root, log_path=root / OFFLINE_BUILD_LOG, label=edition.name)
    remote = remote_references(edition.site_dir)
    if remote:
        first = remote[0]
        raise BuildError(
            f"error: the offline edition would load {len(remote)} file(s) from other hosts, which fails without "
            f"internet (first: {edition.site_dir.name}/{first.file}:{first.line}: {first.url}): vendor the file "
            "under docs/assets/vendor/ and point to it instead"
        )
    remove_unused(edition.site_dir)
    target = root / STAGING_DIR / edition.downloads.offline
    zip_site(edition.site_dir, target)
    return target
