"""The type hints in scripts/ are checked by mypy (its settings: [tool.mypy] in pyproject.toml)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_scripts_type_check() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, f"mypy found type errors (fix them, do not silence them):\n{run.stdout}{run.stderr}"
    assert "Success" in run.stdout
