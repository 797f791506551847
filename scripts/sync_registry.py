#!/usr/bin/env python3
"""Rebuild the generated parts of the law registry (data/laws/*.yaml) from the statute corpus.

Usage:
    python scripts/sync_registry.py            rewrite generated parts in place
    python scripts/sync_registry.py --check    list differences, exit 1 if any (never writes)
    python scripts/sync_registry.py --add ID ARTICLE [ARTICLE ...]
                                               add article texts (e.g. 674, 293-1) to one entry

Generated parts: article_count, inserted, structure, the texts of the articles listed under
`articles:`, and for zhian-2026 the complete old->new article_map. Every other key is hand-written
and is kept as it is, in the file's key order. The corpus is <repo root>/../shared/laws.

Exit status: 0 ok; 1 --check found differences; 2 bad input (message on stderr, no traceback).

The work is done by lawcite.corpus (reading the statute files), lawcite.renumbering (the
old->new article map) and lawcite.registry_sync (compare, write, add); this file is the command line.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawcite.corpus import CorpusError, load_corpus
from lawcite.registry_sync import (
    DEFAULT_CORPUS_DIR,
    DEFAULT_REGISTRY_DIR,
    RegistrySyncError,
    add_articles,
    check,
    load_registry_files,
    write,
)

# Also reachable as attributes of this script: tests/registry load it as a module and use them.
from lawcite.corpus import parse_corpus_file  # noqa: F401
from lawcite.numerals import parse_numeral as cn_to_int  # noqa: F401
from lawcite.renumbering import build_article_map  # noqa: F401

REGISTRY_DIR = DEFAULT_REGISTRY_DIR
CORPUS_DIR = DEFAULT_CORPUS_DIR


class UsageError(Exception):
    """A command line that cannot be carried out (exit status 2, like any bad input)."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report differences, do not write; exit 1 if any")
    parser.add_argument("--add", nargs="+", metavar=("ID", "ARTICLE"),
                        help="add the texts of these articles to registry entry ID")
    parser.add_argument("--registry", type=Path, default=REGISTRY_DIR, help=f"registry folder (default {REGISTRY_DIR})")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help=f"statute corpus folder (default {CORPUS_DIR})")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.corpus)
    registry = load_registry_files(args.registry)
    if args.add:
        if len(args.add) < 2:
            raise UsageError("--add needs a registry id and at least one article, e.g. --add minfadian 674")
        if args.check:
            raise UsageError("--add and --check cannot be combined")
        add_articles(registry, corpus, args.add[0], args.add[1:])
    if args.check:
        problems = check(registry, corpus)
        for line in problems:
            print(line)
        print(f"{len(registry)} registry files checked against {args.corpus}: "
              f"{len(problems)} difference(s)")
        return 1 if problems else 0
    changed = write(registry, corpus)
    print(f"{len(registry)} registry files synced; rewritten: {', '.join(changed) if changed else 'none'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except (CorpusError, RegistrySyncError, UsageError) as exc:
        print(f"sync_registry: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"sync_registry: error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
