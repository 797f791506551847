"""Paths the citation-library tests share (a module of its own: test files import it by this unique name).

pytest puts each test folder on sys.path; two folders with a conftest each would clash on `from conftest import`.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = (REPO / "../shared").resolve()
LAWS = SHARED / "laws"
SEED = SHARED / "seed" / "000_3e392a57e86ee2c0.txt"
