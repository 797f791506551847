"""The build driver behind `./tasks.sh build`: the PDF handbook, the offline zip, then the site.

Run from the project root (mkdocs.yml's paths resolve from the working directory):
    python -m sitebuild.build

The two downloads are rendered first into build/downloads/, so that the web site's 关于 page can
state their sizes (sitebuild.downloads), and copied into site/downloads/ once the site is built
(`mkdocs build` empties site/ first).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from sitebuild import downloads
from sitebuild.fonts import MissingFontError
from sitebuild.mkdocs_run import BuildFailed, run_mkdocs_build
from sitebuild.offline import build_offline
from sitebuild.pdf import build_pdf, edition_stamp

ROOT = Path(__file__).resolve().parents[2]


def publish_downloads(root: Path) -> list[Path]:
    """Copy the built downloads next to the site: site/downloads/."""
    target_dir = root / "site" / downloads.SITE_SUBDIR
    target_dir.mkdir(parents=True, exist_ok=True)
    published = []
    for item in downloads.DOWNLOADS:
        source = root / downloads.STAGING_DIR / item.filename
        shutil.copyfile(source, target_dir / item.filename)
        published.append(target_dir / item.filename)
    return published


def main() -> int:
    os.chdir(ROOT)
    stamp = edition_stamp(ROOT)
    try:
        # Stale downloads must not be linked with their old size if a step below fails.
        shutil.rmtree(ROOT / downloads.STAGING_DIR, ignore_errors=True)
        pdf = build_pdf(ROOT, env_extra=stamp)
        print(f"PDF handbook: {pdf.path.relative_to(ROOT)} ({downloads.human_size(pdf.size)})", flush=True)
        offline = build_offline(ROOT, env_extra=stamp)
        print(
            f"offline site: {offline.path.relative_to(ROOT)} ({offline.files} files, "
            f"{downloads.human_size(offline.size)})",
            flush=True,
        )
        run_mkdocs_build("mkdocs.yml", root=ROOT)
        for path in publish_downloads(ROOT):
            print(f"published {path.relative_to(ROOT)}", flush=True)
    except (MissingFontError, BuildFailed) as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
