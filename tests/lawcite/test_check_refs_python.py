"""scripts/check_refs.py as its spec runs it, `python scripts/check_refs.py`: from any folder, and with a
Python that lacks one of lawcite's packages it says so in one line (exit 2), no traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lawcite_paths import CHECK_REFS, run_check_refs


def test_runs_from_another_folder(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("依照《民法典》第六百七十五条，借款人应当按照约定的期限返还借款。\n", encoding="utf-8")
    r = run_check_refs(str(page), "--as-of", "2026-11-29", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "1 file, 1 citation: 0 errors" in r.stdout, r.stdout


def test_a_missing_package_is_named_in_one_line(tmp_path: Path) -> None:
    # sys.modules[name] = None makes `import name` fail as if the package were not installed; PYTHONPATH
    # stands in for the scripts/ folder `python scripts/check_refs.py` puts first on the path
    code = ("import runpy, sys; sys.modules['jsonschema'] = None; sys.argv = ['check_refs.py', 'page.md']; "
            f"runpy.run_path({str(CHECK_REFS)!r}, run_name='__main__')")
    env = {**os.environ, "PYTHONPATH": str(CHECK_REFS.parent)}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and "Traceback" not in r.stderr
    assert "needs the Python package jsonschema" in r.stderr and ".venv/bin/python" in r.stderr
