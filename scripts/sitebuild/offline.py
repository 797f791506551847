"""Step 3 of the build: the offline edition (mkdocs.offline.yml → build/downloads/<OFFLINE_ZIP_NAME>).

Material's offline plugin makes the pages work from file:// and inlines the search index; the
iframe-worker shim it needs is vendored (docs/assets/vendor/iframe-worker/). Before zipping, the
built pages are checked for anything that would be fetched from another host.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from sitebuild import downloads
from sitebuild.mkdocs_run import run_mkdocs_build

OFFLINE_CONFIG = "mkdocs.offline.yml"
OFFLINE_SITE_DIR = Path("build/offline-site")  # must match site_dir in mkdocs.offline.yml
OFFLINE_BUILD_LOG = Path("build/offline-build.log")
ZIP_TOP_FOLDER = downloads.OFFLINE_ZIP_NAME.removesuffix(".zip")
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


@dataclass(frozen=True)
class OfflineResult:
    path: Path
    seconds: float
    size: int
    files: int


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


def zip_site(site_dir: Path, target: Path) -> int:
    """Zip site_dir under one top folder; return the number of files."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.part")
    count = 0
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{ZIP_TOP_FOLDER}/{path.relative_to(site_dir).as_posix()}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
            count += 1
    tmp.replace(target)
    return count


def build_offline(root: Path, env_extra: dict[str, str] | None = None) -> OfflineResult:
    seconds = run_mkdocs_build(OFFLINE_CONFIG, root=root, log_path=root / OFFLINE_BUILD_LOG, env_extra=env_extra)
    site_dir = root / OFFLINE_SITE_DIR
    remote = remote_references(site_dir)
    if remote:
        listing = "\n".join(f"  {ref.file}:{ref.line}: {ref.url}" for ref in remote[:20])
        raise SystemExit(
            f"error: the offline edition would load files from other hosts, which fails without internet:\n"
            f"{listing}\nvendor the file under docs/assets/vendor/ and point to it instead."
        )
    target = root / downloads.STAGING_DIR / downloads.OFFLINE_ZIP_NAME
    files = zip_site(site_dir, target)
    return OfflineResult(path=target, seconds=seconds, size=target.stat().st_size, files=files)
