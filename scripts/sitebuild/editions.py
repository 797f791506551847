"""The three editions of the site and what the build needs from their configurations, read from the
configuration files themselves (nothing here repeats a value written there):

    web      mkdocs.yml           the site                  -> its site_dir (site/)
    pdf      mkdocs.pdf.yml       the PDF handbook          -> extra.downloads.handbook
    offline  mkdocs.offline.yml   the offline site, zipped  -> extra.downloads.offline

mkdocs.pdf.yml and mkdocs.offline.yml INHERIT mkdocs.yml and differ from it only where they must (site_dir,
extra.edition, the plugins they add or switch off; MkDocs merges mappings, and `plugins` is written as one).
The files are read with the build engine's own YAML loader (INHERIT, !ENV), which is fast: the driver decides
from them whether a build can be skipped without loading any plugin.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild.engine import yaml_loader
from sitebuild.errors import BuildError

ROOT = Path(__file__).resolve().parents[2]
CONFIG_FILES = {"web": "mkdocs.yml", "pdf": "mkdocs.pdf.yml", "offline": "mkdocs.offline.yml"}
_ENV_TAG = re.compile(r"!ENV\s+(?:\[([^\]]*)\]|([A-Za-z_][A-Za-z0-9_]*))")
_ENV_NAME = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")
DOWNLOAD_KEYS = ("folder", "handbook", "offline", "handout_pdf", "handout_png")


@dataclass(frozen=True)
class DownloadNames:
    """extra.downloads in mkdocs.yml: the folder under site_dir and each offered file's name."""

    folder: str
    handbook: str
    offline: str
    handout_pdf: str
    handout_png: str


def download_names(extra: Mapping[str, Any], where: str = "mkdocs.yml") -> DownloadNames:
    """The names in `extra.downloads`; BuildError naming the missing key otherwise."""
    table = extra.get("downloads")
    if not isinstance(table, Mapping):
        raise BuildError(f"{where}: extra.downloads is missing: give the folder and file names of the downloads ({', '.join(DOWNLOAD_KEYS)})")
    for key in DOWNLOAD_KEYS:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip() or "/" in value:
            raise BuildError(f"{where}: extra.downloads.{key} must be a file or folder name (no '/'), not {value!r}")
    return DownloadNames(**{key: str(table[key]) for key in DOWNLOAD_KEYS})


@dataclass(frozen=True)
class Edition:
    name: str                   # web, pdf, offline
    config_file: Path
    config_chain: tuple[Path, ...]  # the file and every file it INHERITs, for the build's input hash
    env_names: tuple[str, ...]  # environment variables the chain reads with !ENV
    site_dir: Path
    extra: Mapping[str, Any]
    site_url: str = ""          # as configured (SITE_URL); the file editions drop it when they build

    @property
    def downloads(self) -> DownloadNames:
        return download_names(self.extra, self.config_file.name)


def load_edition(name: str, root: Path = ROOT) -> Edition:
    config_file = root / CONFIG_FILES[name]
    load = yaml_loader()
    try:
        with config_file.open(encoding="utf-8") as fh:
            config = load(fh)
    except OSError as err:
        raise BuildError(f"{config_file}: cannot read it ({err.strerror})") from None
    except Exception as err:  # the engine's YAML and INHERIT errors
        raise BuildError(f"{config_file}: {err}") from None
    chain = _inherit_chain(config_file)
    return Edition(
        name=name,
        config_file=config_file,
        config_chain=chain,
        env_names=tuple(sorted({n for f in chain for n in env_names(f.read_text(encoding="utf-8"))})),
        # MkDocs resolves site_dir from the configuration file's folder
        site_dir=(config_file.parent / str(config.get("site_dir") or "site")).resolve(),
        extra=config.get("extra") or {},
        site_url=str(config.get("site_url") or ""),
    )


def load_editions(root: Path = ROOT) -> dict[str, Edition]:
    return {name: load_edition(name, root) for name in CONFIG_FILES}


def _inherit_chain(config_file: Path) -> tuple[Path, ...]:
    chain = [config_file]
    while True:
        match = re.search(r"^INHERIT:\s*(\S+)", chain[-1].read_text(encoding="utf-8"), re.MULTILINE)
        if match is None:
            return tuple(chain)
        chain.append((chain[-1].parent / match.group(1).strip("'\"")).resolve())


def env_names(config_text: str) -> list[str]:
    """The environment variables a configuration reads: `!ENV NAME` and `!ENV [NAME, OTHER, "default"]`
    (a quoted item is the default)."""
    names = []
    for listed, single in _ENV_TAG.findall(config_text):
        for item in (listed.split(",")[:-1] if listed and "," in listed else [listed]) if listed else [single]:
            if (m := _ENV_NAME.match(item)) is not None:
                names.append(m.group(1))
    return names
