"""The build driver behind `./tasks.sh build`: the web site, the PDF handbook and the offline zip.

    python -m sitebuild.build [--force] [--jobs N]

Run from anywhere (it works from the project root, where the configurations' paths resolve). Each edition
(sitebuild.editions) is built only when its inputs changed since its last build (sitebuild.inputs: a content
hash stamped on the output); `--force` builds all three. The builds run side by side, as many at a time as
the machine has idle cores (`--jobs` to choose).

The web pages state the sizes of the PDF and the zip, so the web build takes those sizes as an input: when
the previous PDF and zip are there, it runs alongside their builds with their current sizes and is built
again afterwards only if a size it shows has changed; on a first build it waits for them. The PDF and the zip
are staged in build/downloads/ and copied into the site's downloads folder at the end; the handout (PDF and
picture) is made by the web build itself, in that folder.

A failure is one line on stderr (sitebuild.errors.BuildError) and exit status 1; timings are printed for
every edition, built or skipped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lawcite.builddate import BuildDateError, build_date
from sitebuild import inputs, report_error, seo
from sitebuild.downloads import STAGING_DIR, displayed_sizes, human_size
from sitebuild.editions import ROOT, Edition, load_editions
from sitebuild.engine import engine
from sitebuild.errors import BuildError
from sitebuild.mkdocs_run import run_mkdocs_build
from sitebuild.offline import build_offline
from sitebuild.pdf import build_pdf

WEB_BUILD_LOG = Path("build/web-build.log")


@dataclass
class Outcome:
    edition: str
    seconds: float = 0.0
    built: bool = False
    note: str = ""
    error: BuildError | None = None


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def busy_cores() -> float:
    """Processes running now besides this one (the median of a few readings of /proc/loadavg's running
    count, which, unlike the load average, does not remember the builds that just finished); elsewhere
    the 1-minute load average."""
    readings = []
    try:
        for _ in range(5):
            running = int(Path("/proc/loadavg").read_text().split()[3].split("/")[0])
            readings.append(max(0, running - 1))
            time.sleep(0.01)
    except (OSError, ValueError, IndexError):
        return os.getloadavg()[0]
    return sorted(readings)[len(readings) // 2]


def idle_cores(busy: float) -> int:
    """The cores other work leaves free (at least 1). Builds side by side only pay where a core is idle: on a
    machine busy with other sessions' work they share that work's time slices (Linux groups a session's
    processes) and each build only gets slower."""
    return max(1, min(cores(), cores() - int(busy)))


class Driver:
    def __init__(self, root: Path, *, force: bool) -> None:
        self.root = root
        self.force = force
        try:
            day = build_date()
        except BuildDateError as err:
            raise BuildError(f"error: {err}") from None
        self.editions = load_editions(root)
        check_publishing(self.editions["web"])
        self.names = self.editions["web"].downloads
        self.staging = root / STAGING_DIR
        self.common = inputs.files_digest(root)
        self.facts = {"build_date": day.isoformat(), "engine": engine()}

    def digest(self, edition: str, sizes: dict[str, str] | None = None) -> str:
        facts = {**self.facts, **({"displayed_sizes": repr(sorted(sizes.items()))} if sizes is not None else {})}
        return inputs.edition_digest(self.common, self.editions[edition], facts=facts)

    def fresh(self, edition: str, digest: str) -> bool:
        return not self.force and inputs.is_fresh(self.root, edition, digest)

    # --- the three builds: each returns its output files (for the stamp) ---------------------------------

    def build_pdf(self) -> list[Path]:
        return [build_pdf(self.root, self.editions["pdf"])]

    def build_offline(self) -> list[Path]:
        return [build_offline(self.root, self.editions["offline"])]

    def build_web(self) -> list[Path]:
        web = self.editions["web"]
        run_mkdocs_build(web.config_file, root=self.root, log_path=self.root / WEB_BUILD_LOG, label="web")
        folder = web.site_dir / self.names.folder
        missing = [name for name in (self.names.handout_pdf, self.names.handout_png) if not (folder / name).is_file()]
        if missing:
            raise BuildError(f"error: the web build made no {', '.join(missing)}: see the handout's message in {WEB_BUILD_LOG}")
        published = {self.names.handbook, self.names.offline}  # copied in by publish(), after the stamp
        return [p for p in inputs.site_files(web.site_dir) if not (p.parent == folder and p.name in published)]

    def run(self, edition: str, digest: str, build: Callable[[], list[Path]]) -> Outcome:
        started = time.perf_counter()
        inputs.clear_stamp(self.root, edition)
        try:
            outputs = build()
        except BuildError as err:
            return Outcome(edition, time.perf_counter() - started, error=err)
        inputs.write_stamp(self.root, edition, digest, outputs)
        return Outcome(edition, time.perf_counter() - started, built=True)

    # --- the whole build ------------------------------------------------------------------------------

    def build_all(self, jobs: int) -> list[Outcome]:
        outcomes: dict[str, Outcome] = {}
        downloads = {"pdf": self.build_pdf, "offline": self.build_offline}
        pending: dict[str, Future[Outcome]] = {}
        web_sizes: dict[str, str] | None = None
        todo: list[tuple[str, str, Callable[[], list[Path]]]] = []
        for edition in ("pdf", "offline"):
            digest = self.digest(edition)
            if self.fresh(edition, digest):
                outcomes[edition] = Outcome(edition, note="skipped: inputs unchanged")
            else:
                todo.append((edition, digest, downloads[edition]))
        sizes = displayed_sizes(self.names, self.staging)
        if all(sizes.values()):  # the sizes are known now: the web site need not wait
            web_sizes = sizes
            digest = self.digest("web", sizes)
            if self.fresh("web", digest):
                outcomes["web"] = Outcome("web", note="skipped: inputs unchanged")
            else:
                # second: beside the PDF, the longest build, while the offline site waits for a free core
                todo.insert(1, ("web", digest, self.build_web))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for edition, digest, build in todo:
                pending[edition] = pool.submit(self.run, edition, digest, build)
            for edition, future in pending.items():
                outcomes[edition] = future.result()
        failed = {o.edition for o in outcomes.values() if o.error is not None}
        if failed & set(downloads):
            staged = {"pdf": self.names.handbook, "offline": self.names.offline}
            for edition in failed & set(downloads):  # never link a download that is out of date, with its old size
                (self.staging / staged[edition]).unlink(missing_ok=True)
            inputs.clear_stamp(self.root, "web")
            return list(outcomes.values())
        sizes = displayed_sizes(self.names, self.staging)
        if web_sizes != sizes and "web" not in failed:
            ran_before = outcomes.get("web")
            digest = self.digest("web", sizes)
            if self.fresh("web", digest):
                outcomes["web"] = Outcome("web", note="skipped: inputs unchanged")
            else:
                outcomes["web"] = self.run("web", digest, self.build_web)
                if ran_before is not None and ran_before.built:
                    outcomes["web"].seconds += ran_before.seconds
                    outcomes["web"].note = "built twice: a size it states changed"
        return [outcomes[e] for e in ("web", "pdf", "offline") if e in outcomes]

    def publish(self) -> list[Path]:
        """Copy the staged downloads into the site's downloads folder (when they differ)."""
        target_dir = self.editions["web"].site_dir / self.names.folder
        target_dir.mkdir(parents=True, exist_ok=True)
        published = []
        for name in (self.names.handbook, self.names.offline):
            source, target = self.staging / name, target_dir / name
            if not source.is_file():
                raise BuildError(f"error: {source.relative_to(self.root)} is missing: run the build again with --force")
            if not target.is_file() or _state(target) != _state(source):
                shutil.copy2(source, target)
            published.append(target)
        return published


def check_publishing(web: Edition) -> None:
    """Stop before any build, in one line, when a publishing build has no error-report address (each
    edition's build would otherwise say so in turn: sitebuild.report_error)."""
    try:
        report_error.check_config(web.extra, publishing=seo.is_public(web.site_url))
    except report_error.ReportAddressError as err:
        raise BuildError(f"error: {err}") from None


def _state(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the web site, the PDF handbook and the offline zip.")
    parser.add_argument("--force", action="store_true", help="build every edition, even when its inputs are unchanged")
    parser.add_argument("--jobs", type=int, default=None,
                        help="builds at a time (default: the cores not busy with other work, see idle_cores)")
    args = parser.parse_args(argv)
    busy = busy_cores() if args.jobs is None else 0.0
    jobs = max(1, args.jobs) if args.jobs is not None else idle_cores(busy)
    why = "" if args.jobs is not None else f"; {cores()} cores, {busy:.0f} busy with other work at the start"
    started = time.perf_counter()
    os.chdir(ROOT)
    try:
        driver = Driver(ROOT, force=args.force)
        outcomes = driver.build_all(jobs)
        failed = [o for o in outcomes if o.error is not None]
        published = [] if failed else driver.publish()
    except BuildError as err:
        print(err, file=sys.stderr)
        return 1
    for o in outcomes:
        if o.error is not None:
            print(f"build: {o.edition:8} FAILED after {o.seconds:.1f} s", flush=True)
        elif o.built:
            print(f"build: {o.edition:8} built in {o.seconds:.1f} s" + (f" ({o.note})" if o.note else ""), flush=True)
        else:
            print(f"build: {o.edition:8} {o.note}", flush=True)
    for path in published:
        print(f"build: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({human_size(path.stat().st_size)})")
    print(f"build: {time.perf_counter() - started:.1f} s in all ({jobs} at a time{why})", flush=True)
    for o in failed:
        print(o.error, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

