#!/usr/bin/env python3
"""Check the law registry after adding or changing a law file, and derive article maps.

    python scripts/laws.py check [FILE ...]            validate the law files (all of data/laws by
                                                     default) and show what changes for the site
    python scripts/laws.py map OLD NEW [--write]       derive the old->new article map of a renumbered
                                                     law and print the pairs to review

check: loads the registry (front matter, dates, numbering gaps, repeated or misplaced articles,
map files: any broken file is reported with its line), then for each file checks what the loader
cannot (article count against provenance.official_article_count, a renumbered version without a
map, a map that differs from what the texts give or lacks reviews), and finally judges every
citation in docs/ with the registry as committed (git HEAD) and as it is now, listing each citation
whose verdict changes. OLD and NEW are version ids (minshisusong@2022-01-01) or file paths.

Exit status: 0 all good; 1 a file is broken or a check failed; 2 bad arguments.
The work is done by lawcite.registry, lawcite.maintain and lawcite.renumbering.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from lawcite.errors import RegistryError
from lawcite.maintain import (
    citation_changes, derive_map, existing_derived_note, load_committed, load_pages, map_file_text, map_path,
    side_by_side, validate,
)
from lawcite.registry import DEFAULT_PATH, LawVersion, Registry, load_registry

REPO = Path(__file__).resolve().parents[1]


class UsageError(Exception):
    pass


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="laws.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--registry", type=Path, default=DEFAULT_PATH, help="registry folder (default: data/laws)")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="validate law files and show what changes for the site's citations")
    c.add_argument("files", nargs="*", metavar="FILE", help="law files to check (default: every file in the registry)")
    c.add_argument("--docs", type=Path, default=REPO / "docs", help="pages whose citations are compared (default: docs/)")
    c.add_argument("--against", default="HEAD", help="git revision of the registry to compare with (default: HEAD)")
    m = sub.add_parser("map", help="derive the old->new article map of a renumbered law")
    m.add_argument("old", help="the older version: id (zhian@2013-01-01) or file")
    m.add_argument("new", help="the version just after it")
    m.add_argument("--write", action="store_true", help="write NEW.map.yaml (keeps the reviews that still apply)")
    return p.parse_args(argv)


def _version(registry: Registry, ref: str) -> LawVersion:
    vid = Path(ref).name.removesuffix(".md") if ref.endswith(".md") else ref
    if vid not in registry.versions:
        raise UsageError(f"{ref}: not a law file of {registry.path}; known versions: "
                         + ", ".join(sorted(v for v in registry.versions if "@" in v)))
    return registry.versions[vid]


def run_check(args: argparse.Namespace, registry: Registry) -> int:
    chosen = [_version(registry, f) for f in args.files] if args.files else list(registry.versions.values())
    reports = validate(registry, chosen)
    failed = False
    for r in sorted(reports, key=lambda r: r.version.id):
        mark = "FAIL" if r.problems else "ok"
        print(f"{mark:4} {_shown(r.version.path)}: {r.summary()}")
        for note in r.notes:
            print(f"       note: {note}")
        for problem in r.problems:
            print(f"       problem: {problem}")
        failed = failed or bool(r.problems)
    print(f"{len(reports)} law file(s) checked, {sum(1 for r in reports if r.problems)} with problems "
          f"({len(registry.versions)} versions of {len(registry.laws)} laws in {_shown(registry.path)})")
    _report_site(args, registry)
    return 1 if failed else 0


def _report_site(args: argparse.Namespace, registry: Registry) -> None:
    if not args.docs.is_dir():
        print(f"site citations: {args.docs} not found, not compared")
        return
    before, why = load_committed(registry.path, args.against)
    if before is None:
        print(f"site citations: {why}")
        return
    pages = load_pages(args.docs, date.today())
    n_before, n_after, changes = citation_changes(pages, before, registry)
    print(f"site citations ({_shown(args.docs)}, each page at its reviewed date): {n_before} with the registry at "
          f"{args.against}, {n_after} now; {len(changes)} changed")
    for ch in changes:
        print(f"  {_shown(Path(ch.path))}:{ch.line}:{ch.column}: {ch.text}: {ch.before}  =>  {ch.after}")


def run_map(args: argparse.Namespace, registry: Registry) -> int:
    old, new = _version(registry, args.old), _version(registry, args.new)
    draft = derive_map(registry, old, new)
    changed = draft.changed_pairs()
    print(f"{old.id} -> {new.id}: {len(draft.mapping)} old articles, "
          f"{sum(1 for k, t in draft.mapping.items() if t != k)} with a new number, {len(changed)} whose text changed, "
          f"{sum(1 for t in draft.mapping.values() if t is None)} without counterpart; "
          f"{len(draft.new_articles())} new articles: {', '.join(draft.new_articles()) or '—'}")
    print("Pairs to read side by side (old → new; the differences after removing whitespace):")
    for k in changed:
        for line in side_by_side(draft, k):
            print("  " + line)
    unreviewed = [k for k in changed if k not in draft.reviewed]
    print(f"{len(changed) - len(unreviewed)} of {len(changed)} changed pairs reviewed")
    if args.write:
        path = map_path(new)
        path.write_text(map_file_text(draft, existing_derived_note(new)), encoding="utf-8")
        print(f"wrote {_shown(path)}: add a review (to:, reason:) under reviewed: for each pair you read, "
              "then run scripts/laws.py check")
    else:
        print(f"(dry run: --write writes {_shown(map_path(new))})")
    return 0


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        registry = load_registry(args.registry)
    except RegistryError as e:
        print(f"FAIL {e}", file=sys.stderr)
        print("the registry cannot be loaded: fix the file named above and run the command again", file=sys.stderr)
        return 1
    try:
        if args.command == "check":
            return run_check(args, registry)
        return run_map(args, registry)
    except (UsageError, RegistryError) as e:
        print(f"laws.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
