"""Benchmark `./tasks.sh build` end to end (set-up checks included): warm with nothing changed (target < 3 s),
one page changed (the site and the PDF are rebuilt), and with --cold a first build.

    .venv/bin/python scripts/bench_build.py [--cold] [--page docs/door.md]

--cold deletes site/ and build/ first. The changed page gets one line appended (an HTML comment) and is put
back as it was afterwards; the build after that is timed too ("page restored"). Prints one line per step
with what the driver did, then the load average: wall times depend on what else the machine runs.
Exits 1 when the warm build misses its target or a step fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sitebuild.editions import load_edition

ROOT = Path(__file__).resolve().parents[1]
WARM_TARGET = 3.0


def tasks_build() -> tuple[float, list[str]]:
    started = time.perf_counter()
    proc = subprocess.run(["./tasks.sh", "build"], cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"./tasks.sh build failed (exit {proc.returncode})")
    done = [ln.removeprefix("build: ").strip() for ln in proc.stdout.splitlines()
            if ln.startswith("build: ") and ("built" in ln or "skipped" in ln)]
    return seconds, done


def report(label: str, seconds: float, done: list[str]) -> None:
    print(f"{label:24} {seconds:6.1f} s   " + "; ".join(" ".join(d.split()) for d in done), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true", help="delete site/ and build/ first and time a first build")
    parser.add_argument("--page", default="docs/door.md", help="the page to change (default docs/door.md)")
    args = parser.parse_args()
    ok = True
    if args.cold:
        shutil.rmtree(load_edition("web").site_dir, ignore_errors=True)
        shutil.rmtree(ROOT / "build", ignore_errors=True)
        report("cold (first build)", *tasks_build())
    else:
        tasks_build()  # whatever is out of date, so the next run is warm
    seconds, done = tasks_build()
    report("warm, nothing changed", seconds, done)
    ok = ok and seconds < WARM_TARGET
    page = ROOT / args.page
    original = page.read_bytes()
    try:
        page.write_bytes(original + b"\n<!-- bench_build: one page changed -->\n")
        seconds, done = tasks_build()
        report("one page changed", seconds, done)
        ok = ok and any(d.startswith("web") and "built" in d for d in done) and any(d.startswith("pdf") and "built" in d for d in done)
    finally:
        page.write_bytes(original)
    report("page restored", *tasks_build())
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"warm target < {WARM_TARGET:.0f} s: {'met' if ok else 'NOT met'}; {os.cpu_count()} cores, load average {load}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
