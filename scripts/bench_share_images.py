"""Benchmark the share images (sitebuild.share_image): what they add to the web build, cold and warm.

    .venv/bin/python scripts/bench_share_images.py

Prints: the time to draw every page's image with an empty cache and to take them from the cache (the pages'
titles read from the built site/), the images' total size, and two full `mkdocs build --strict` runs of the web
edition into a temporary folder, the first with the image cache emptied, the second warm (target < 6 s), then
the load average: wall times depend on what else the machine runs. Exits 1 when the warm build misses its target.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitebuild import share_image

ROOT = Path(__file__).resolve().parents[1]
WARM_TARGET = 6.0
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]+>")


def titles(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("index.html")):
        match = H1.search(page.read_text(encoding="utf-8"))
        if match:
            found.append(TAG.sub("", match.group(1)).replace("¶", "").strip())
    return found


def web_build(site_dir: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit("mkdocs build failed:\n" + (proc.stdout + proc.stderr)[-3000:])
    return time.perf_counter() - started


def main() -> int:
    site = ROOT / "site"
    names = titles(site)
    if not names:
        raise SystemExit("no built pages in site/: run ./tasks.sh build first")
    with tempfile.TemporaryDirectory(prefix="bench-share-") as tmp:
        cache = Path(tmp) / "cache"
        started = time.perf_counter()
        paths = [share_image.cached_image(t, "上门催收明白纸", cache) for t in names]
        cold = time.perf_counter() - started
        started = time.perf_counter()
        for t in names:
            share_image.cached_image(t, "上门催收明白纸", cache)
        warm = time.perf_counter() - started
        size = sum(p.stat().st_size for p in set(paths))
        print(f"share images: {len(names)} pages: drawn in {cold:.2f} s ({cold / len(names) * 1000:.0f} ms each), "
              f"from the cache in {warm * 1000:.0f} ms; {size / 1024:.0f} KB in all")
        shutil.rmtree(ROOT / share_image.CACHE_DIR, ignore_errors=True)
        first = web_build(Path(tmp) / "site")
        second = web_build(Path(tmp) / "site")
    print(f"web build (mkdocs build --strict): {first:.1f} s with the image cache empty, {second:.1f} s warm "
          f"(target < {WARM_TARGET:.0f} s)")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0 if second < WARM_TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
