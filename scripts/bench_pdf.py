"""Benchmark the PDF handbook build: time, pages, size (targets: under 30 s, under 10 MB).

    .venv/bin/python scripts/bench_pdf.py [--runs N]

Builds mkdocs.pdf.yml as `./tasks.sh build` does (into build/pdf-site/, leaving site/ alone) and
prints one line per run plus the best; exits 1 when the best run misses a target. Wall time
depends on what else the machine runs, so the CPU time of the build process is printed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from sitebuild import fonts
from sitebuild.editions import load_edition
from sitebuild.errors import BuildError
from sitebuild.mkdocs_run import run_mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 30.0
TARGET_BYTES = 10_000_000


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="number of builds (default 1)")
    args = parser.parse_args()
    os.chdir(ROOT)
    try:
        fonts.require_pdf_fonts()
        edition = load_edition("pdf", ROOT)
    except BuildError as err:
        print(err, file=sys.stderr)
        return 1
    results = []
    for run in range(1, args.runs + 1):
        cpu_before, started = children_cpu_seconds(), time.perf_counter()
        try:
            run_mkdocs_build(edition.config_file, root=ROOT, log_path=ROOT / "build" / "bench-pdf.log", label="pdf")
        except BuildError as err:
            print(err, file=sys.stderr)
            return 1
        wall, cpu = time.perf_counter() - started, children_cpu_seconds() - cpu_before
        pdf = edition.site_dir / edition.downloads.handbook
        pages, size = len(PdfReader(pdf).pages), pdf.stat().st_size
        results.append((wall, cpu, pages, size))
        print(f"run {run}: {wall:.1f} s wall, {cpu:.1f} s CPU, {pages} pages, {size / 1_000_000:.2f} MB", flush=True)
    wall, cpu, pages, size = min(results)
    load = os.getloadavg()[0]
    print(
        f"PDF build: {wall:.1f} s (target < {TARGET_SECONDS:.0f} s), {cpu:.1f} s CPU, {pages} pages, "
        f"{size / 1_000_000:.2f} MB (target < {TARGET_BYTES / 1_000_000:.0f} MB); load average {load:.1f}"
    )
    return 0 if wall < TARGET_SECONDS and size < TARGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
