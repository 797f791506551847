#!/usr/bin/env python3
"""Check every law citation in the given files against the law registry.

    python scripts/check_refs.py [PATH ...] [--format text|json|sarif|github] [--as-of YYYY-MM-DD] [--strict]
                                 [--registry DIR]

The interface of spec/check-refs.md (--registry, sarif and github are additions). The same check as
the installed command `lawcite check` (lawcite.cli, where the work is done). Exit 0: no error-level
finding; 1: some (with --strict, warnings count too); 2: usage or registry error (one line on
stderr). Files are only read, never written.
"""
from __future__ import annotations

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from lawcite.cli import check_refs_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(check_refs_main())
