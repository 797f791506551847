"""The site builds with ProperDocs (properdocs==1.6.7, the maintained drop-in fork of MkDocs 1.6) as it does with
MkDocs: the same configuration, hooks, Markdown extensions, Material theme and plugins, and mkdocs-to-pdf.

ProperDocs' command line redirects every `import mkdocs.…` (Material's, mkdocs-to-pdf's, this project's hooks)
to `properdocs.…`. Each build here runs under a probe that lists the modules loaded from the MkDocs package
itself: there must be none, so what built the site is ProperDocs, not the MkDocs installed beside it.
The web site it builds is byte for byte the one MkDocs builds (but for the generator line), so every test of
the built site holds for it too; the PDF handbook has the same pages and text.
"""
from __future__ import annotations

import filecmp
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from lawcite.builddate import build_date
from sitebuild.editions import load_edition

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
PROBE = """
import atexit, importlib.util, os, sys
spec = importlib.util.find_spec("mkdocs")  # before ProperDocs redirects the name: the MkDocs package, if installed
mkdocs_dir = os.path.dirname(spec.origin) + os.sep if spec is not None and spec.origin else None

@atexit.register
def report():
    used = sorted(n for n, m in list(sys.modules.items())
                  if mkdocs_dir and (getattr(m, "__file__", None) or "").startswith(mkdocs_dir))
    print("modules loaded from the MkDocs package:", ",".join(used) or "none", file=sys.stderr)

sys.argv = ["properdocs", *sys.argv[1:]]
from properdocs.__main__ import cli
cli()
"""


def _build(engine: str, config: str, site: Path, day: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITE_BUILD_DATE": day, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    args = ["build", "--strict", "--config-file", config, "--site-dir", str(site)]
    cmd = [sys.executable, "-c", PROBE, *args] if engine == "properdocs" else [sys.executable, "-m", "mkdocs", *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False)


def _passed_on_properdocs(proc: subprocess.CompletedProcess[str]) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, "`properdocs build --strict` failed:\n" + output[-4000:]
    assert "modules loaded from the MkDocs package: none" in proc.stderr, output[-2000:]
    assert "Traceback" not in output


def test_web_site_is_the_same_with_properdocs(tmp_path: Path) -> None:
    day = build_date().isoformat()
    properdocs = _build("properdocs", "mkdocs.yml", tmp_path / "properdocs", day)
    _passed_on_properdocs(properdocs)
    mkdocs = _build("mkdocs", "mkdocs.yml", tmp_path / "mkdocs", day)
    assert mkdocs.returncode == 0, mkdocs.stderr[-3000:]

    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}

    built = files(tmp_path / "properdocs")
    assert built == files(tmp_path / "mkdocs")
    folder = load_edition("web").downloads.folder
    differ = []
    for rel in sorted(built):
        a, b = tmp_path / "properdocs" / rel, tmp_path / "mkdocs" / rel
        if rel.startswith(f"{folder}/") or filecmp.cmp(a, b, shallow=False):
            continue  # the handout's PDF carries its creation time
        if rel.endswith((".html", ".html.gz")):  # the .gz copies a web server serves (sitebuild.webserver)
            page_a, page_b = (gzip.decompress(p.read_bytes()) if rel.endswith(".gz") else p.read_bytes() for p in (a, b))
            generator = GENERATOR.search(page_a)
            assert generator is not None and b"ProperDocs 1.6.7" in generator.group(0), rel
            if GENERATOR.sub(b"", page_a) == GENERATOR.sub(b"", page_b):
                continue
        differ.append(rel)
    assert not differ, f"ProperDocs and MkDocs built these files differently: {differ[:10]}"


def test_pdf_handbook_builds_with_properdocs(tmp_path: Path, site_dir: Path) -> None:
    """mkdocs-to-pdf, WeasyPrint and the PDF hooks under ProperDocs: the handbook the build driver made with
    MkDocs (next to the site), made again on the same day, has the same pages and the same text."""
    names = load_edition("web").downloads
    reference = PdfReader(site_dir / names.folder / names.handbook)
    cover = reference.pages[0].extract_text()
    day = re.search(r"生成日期 (\d{4}-\d{2}-\d{2})", cover)
    assert day is not None, cover
    proc = _build("properdocs", "mkdocs.pdf.yml", tmp_path / "pdf-site", day.group(1))
    _passed_on_properdocs(proc)
    pdf = tmp_path / "pdf-site" / load_edition("pdf").downloads.handbook
    assert pdf.is_file(), proc.stderr[-2000:]
    rebuilt = PdfReader(pdf)
    assert len(rebuilt.pages) == len(reference.pages)
    for number, (a, b) in enumerate(zip(rebuilt.pages, reference.pages), start=1):
        if a.extract_text() != b.extract_text():
            pytest.fail(f"page {number} of the PDF differs between ProperDocs and MkDocs")
