#!/usr/bin/env python3
"""Check every law citation in the given files against the law registry.

    python scripts/check_refs.py [PATH ...] [--format text|json|sarif|github] [--as-of YYYY-MM-DD] [--strict]
                                 [--fail-on error|warning|never] [--level CODE=LEVEL] [--registry DIR]
                                 [--registry-only] [--exclude PATTERN]

The interface of spec/check-refs.md (the options after --strict, sarif, github and the JSON "problems"
of files that could not be read or are stale are additions). The same check as the installed command
`lawcite check` (lawcite.cli, where the work is done; `--help` lists the exit status). Exit 0: no
error-level finding; 1: some (with --strict, warnings count too); 2: usage, registry or output error
(one line on stderr). Files are only read, never written.
"""
from __future__ import annotations

import sys

# `python scripts/check_refs.py` puts scripts/ first on sys.path, so lawcite is found from any directory
# and with any Python 3.11+ that has lawcite's dependencies (PyYAML, jsonschema), inside the .venv or not.
try:
    from lawcite.cli import check_refs_main
except ModuleNotFoundError as missing:
    if missing.name not in {"yaml", "jsonschema"}:
        raise
    print(f"check_refs.py: lawcite needs the Python package {missing.name}: run it with the project's .venv/bin/python "
          "(./tasks.sh setup makes it), or install PyYAML and jsonschema for this Python", file=sys.stderr)
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(check_refs_main())
