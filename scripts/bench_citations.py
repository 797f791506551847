#!/usr/bin/env python3
"""Benchmark the citation layer (prints figures; not a test).

0. the registry: law versions, texts, articles, and its load time in a fresh interpreter, without
   and with the parse cache (lawcite.yamlcache);
1. extraction throughput on the official texts the registry holds (data/laws/*.md): MB/s and
   citations/s (self-references resolved, so the statutes' 本法第X条 count as citations), with the
   one-line fast path (the default) and without it (fast=False);
2. for comparison, one bare regex scan of the same text (the pattern is printed) and the extractor's
   anchor scan alone (Patterns.raw_anchor);
3. whole-site check wall time: `python scripts/check_refs.py docs` in a fresh interpreter;
4. 1 MB adversarial inputs (第第第…, 《《《…, 民法典第一民法典第一…): the slowest one;
5. `mkdocs build` time (target < 6 s); with --mkdocs also without the citation layer — see
   mkdocs_build_figures().
Every figure is the best of --repeat runs; the load average is printed first, because other
builds on the machine inflate every figure (compare runs made at a similar load).
Floors (issue 12): extraction >= 50 MB/s on the statute texts, whole-site check < 0.5 s in a fresh
interpreter, 1 MB adversarial input < 1 s, citation layer <= 30 % of mkdocs build; mkdocs build < 6 s.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from lawcite import find_citations, load_registry

ROOT = Path(__file__).resolve().parents[1]

BARE = re.compile(r"第[0-9〇零一二两三四五六七八九十百千]+条")


def _best_of(n: int, fn, clock=time.perf_counter) -> float:
    best = float("inf")
    for _ in range(n):
        t0 = clock()
        fn()
        best = min(best, clock() - t0)
    return best


def registry_figures(repeat: int) -> None:
    """How big the registry is, and what loading it costs a fresh interpreter (parse vs cache)."""
    registry = load_registry()
    versions = list(registry.versions.values())
    texts = [v for v in versions if v.has_text]
    size = sum(len(v.path.read_bytes()) for v in versions) / 1e6
    print(f"registry: {len(versions)} law versions of {len(registry.laws)} laws ({len(texts)} with their text, "
          f"{len(versions) - len(texts)} by name only), {sum(len(v.structure) for v in texts):,} articles, {size:.2f} MB")
    code = "from lawcite import load_registry; load_registry()"
    # lawcite from this checkout, also when the interpreter is not the project's .venv
    scripts_path = {"PYTHONPATH": str(ROOT / "scripts")}
    for label, env in (("parsing every file (cache off)", {"LAWCITE_CACHE_DIR": "off"}), ("from the parse cache", {})):
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **scripts_path, **env}, check=True)  # warm the cache
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **scripts_path, **env}, check=True)
            times.append(time.perf_counter() - t0)
        print(f"load_registry() in a fresh interpreter, {label}: {min(times) * 1000:.0f} ms (best of {repeat}, "
              f"interpreter start included)")


def corpus_figures(repeat: int) -> None:
    registry = load_registry()
    texts = [(v.path.read_text(encoding="utf-8"), v.id) for v in registry.versions.values() if v.has_text]
    size_mb = sum(len(t.encode("utf-8")) for t, _ in texts) / 1e6
    chars = sum(len(t) for t, _ in texts)
    count = sum(len(find_citations(t, registry, self_law=law)) for t, law in texts)
    anchor = registry.patterns.raw_anchor
    print(f"official texts: {len(texts)} files, {size_mb:.2f} MB UTF-8, {chars} code points")
    for label, fast in (("extraction", True), ("extraction without the one-line fast path (fast=False)", False)):
        t = _best_of(repeat, lambda: [find_citations(t, registry, self_law=law, fast=fast) for t, law in texts])
        floor = "   (floor >= 50 MB/s)" if fast else ""
        print(f"{label}: {t * 1000:.1f} ms = {size_mb / t:.1f} MB/s, {count} citations = {count / t:,.0f} citations/s{floor}")
    cpu = _best_of(max(repeat, 15), lambda: [find_citations(t, registry, self_law=law) for t, law in texts],
                   time.process_time)
    print(f"extraction in CPU time (process_time, best of {max(repeat, 15)}): {cpu * 1000:.1f} ms = {size_mb / cpu:.1f} MB/s")
    t_bare = _best_of(repeat, lambda: [sum(1 for _ in BARE.finditer(t)) for t, _ in texts])
    t_anchor = _best_of(repeat, lambda: [sum(1 for _ in anchor.finditer(t)) for t, _ in texts])
    bare_hits = sum(sum(1 for _ in BARE.finditer(t)) for t, _ in texts)
    anchor_hits = sum(sum(1 for _ in anchor.finditer(t)) for t, _ in texts)
    print(f"for comparison: bare regex scan /{BARE.pattern}/ ({bare_hits} hits) {t_bare * 1000:.2f} ms; "
          f"anchor scan alone ({anchor_hits} hits) {t_anchor * 1000:.2f} ms")


def adversarial_figure(repeat: int) -> None:
    registry = load_registry()
    worst = (0.0, "")
    for unit in ("第", "《", "》", "第一条、", "《民法典》第", "民法典第", "民法典第一", "《刑法》第一、", "劳动合同法第",
                 "关于的规定第一条", "`", "[", "\n", "> ", "“", "民法\n典第", "民法\n典第一\n"):
        text = unit * (1_000_000 // len(unit))
        t = _best_of(max(1, repeat // 3), lambda: find_citations(text, registry))
        worst = max(worst, (t, unit))
    print(f"1 MB adversarial input, slowest ({worst[1]!r} repeated): {worst[0] * 1000:.0f} ms   (floor < 1000 ms)")
    dense = "民法\n典第一条\n" * 12_500  # 100 KB, a citation (name broken by a line break) every 8 code points
    t = _best_of(max(1, repeat // 3), lambda: find_citations(dense, registry))
    print(f"dense citations (12,500 in 100 KB, each name broken by a line break): {t * 1000:.0f} ms "
          f"= {12_500 / t:,.0f} citations/s")


def site_check_figure(docs: Path, repeat: int) -> None:
    cmd = [sys.executable, str(ROOT / "scripts" / "check_refs.py"), str(docs), "--format", "json"]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    n = len([p for p in docs.rglob("*") if p.suffix in (".md", ".txt", ".html")])
    print(f"site check ({n} files, fresh interpreter, best of {repeat}): {min(times) * 1000:.0f} ms "
          f"(median {sorted(times)[len(times) // 2] * 1000:.0f} ms)   (floor < 500 ms)")


# ---------------------------------------------------------------------------------------------
# mkdocs build with and without the citation layer (the site integration honours LAWCITE_DISABLE=1)
# ---------------------------------------------------------------------------------------------
def mkdocs_build_figures(repeat: int = 1, without: bool = False) -> None:
    """Time `mkdocs build` as configured (target < 6 s); with `without` also with LAWCITE_DISABLE=1
    (citation layer off) and print the layer's share."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    results = {}
    runs: list[tuple[str, dict[str, str]]] = [("with citation layer", {})]
    if without:
        runs.append(("without (LAWCITE_DISABLE=1)", {"LAWCITE_DISABLE": "1"}))
    for label, extra_env in runs:
        env = {**os.environ, **extra_env}
        times = []
        for _ in range(repeat):
            with_dir = Path("/tmp") / f"lawcite-bench-site-{os.getpid()}"
            t0 = time.perf_counter()
            r = subprocess.run([str(mkdocs), "build", "--quiet", "--site-dir", str(with_dir)], cwd=ROOT, env=env,
                               capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - t0)
            if r.returncode != 0:
                print(f"mkdocs build {label} failed (exit {r.returncode}): {r.stderr.strip().splitlines()[-1:]}")
                return
        results[label] = min(times)
        target = "   (target < 6 s)" if not extra_env else ""
        print(f"mkdocs build {label}: {min(times):.2f} s (best of {repeat}){target}")
    if without:
        with_s, without_s = results.values()
        share = (with_s - without_s) / with_s if with_s else 0.0
        print(f"citation layer share of build time: {share:.0%}   (floor <= 30%)")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=Path, default=ROOT / "docs")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--mkdocs", action="store_true", help="also time mkdocs build without the citation layer (its share)")
    p.add_argument("--no-build", action="store_true", help="skip the mkdocs build timing")
    args = p.parse_args()
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs")
    registry_figures(args.repeat)
    corpus_figures(args.repeat)
    adversarial_figure(args.repeat)
    if args.docs.is_dir():
        site_check_figure(args.docs, args.repeat)
    else:
        print(f"site check skipped: {args.docs} is absent")
    if not args.no_build:
        mkdocs_build_figures(repeat=3 if args.mkdocs else 2, without=args.mkdocs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
