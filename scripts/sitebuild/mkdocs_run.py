"""Run `<engine> build --strict` for one configuration (sitebuild.engine: MkDocs or ProperDocs), keeping its
whole output in a log file and echoing it line by line with the edition's name in front (the build driver
runs the editions side by side)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from sitebuild.engine import engine
from sitebuild.errors import BuildError

_ECHO = threading.Lock()


class BuildFailed(BuildError):
    """The engine exited with an error; its own messages (and the log file) say why."""


def run_mkdocs_build(
    config: Path, *, root: Path, log_path: Path, label: str = "", env_extra: dict[str, str] | None = None,
) -> float:
    """Build `config` with --strict from `root`; return the seconds it took. BuildFailed names the log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **(env_extra or {})}
    name = engine()
    cmd = [sys.executable, "-m", name, "build", "--strict", "--config-file", str(config)]
    prefix = f"[{label}] " if label else ""
    started = time.perf_counter()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log_file, subprocess.Popen(
        cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            log_file.write(line)
            with _ECHO:
                sys.stdout.write(prefix + line)
                sys.stdout.flush()
        returncode = proc.wait()
    if returncode != 0:
        rel = log_path.relative_to(root) if log_path.is_relative_to(root) else log_path
        raise BuildFailed(
            f"error: `{name} build --strict --config-file {config.name}` failed (exit {returncode}): "
            f"the WARNING and ERROR lines above say why; the whole output is in {rel}"
        )
    return time.perf_counter() - started
