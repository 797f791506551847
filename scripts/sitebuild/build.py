"""The build driver behind `./tasks.sh build`: the site, then the PDF handbook and the offline zip.

Run from the project root (mkdocs.yml's paths resolve from the working directory):
    python -m sitebuild.build
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_mkdocs(config: str, env_extra: dict[str, str] | None = None) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"error: `{' '.join(cmd[2:])}` failed (exit {proc.returncode}); see the messages above.")
    print(f"built {config} in {time.perf_counter() - started:.1f} s", flush=True)


def main() -> int:
    os.chdir(ROOT)
    run_mkdocs("mkdocs.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
