"""Run `mkdocs build` for one configuration, echoing its output and keeping a copy in a log file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


class BuildFailed(Exception):
    """mkdocs exited with an error; its own messages (and the log file) say why."""


def run_mkdocs_build(
    config: str, *, root: Path, log_path: Path | None = None, env_extra: dict[str, str] | None = None
) -> float:
    """Build `config` with --strict from `root`; return the seconds it took."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config]
    started = time.perf_counter()
    log_file = None
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_file = log_path.open("w", encoding="utf-8")
    try:
        with subprocess.Popen(
            cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
        ) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                sys.stdout.write(line)
                if log_file is not None:
                    log_file.write(line)
            returncode = proc.wait()
    finally:
        if log_file is not None:
            log_file.close()
    if returncode != 0:
        where = f"; the full log is in {log_path}" if log_path is not None else ""
        raise BuildFailed(
            f"error: `mkdocs build --strict --config-file {config}` failed (exit {returncode}); "
            f"see the messages above{where}."
        )
    elapsed = time.perf_counter() - started
    print(f"built {config} in {elapsed:.1f} s", flush=True)
    return elapsed
