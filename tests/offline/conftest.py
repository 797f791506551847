"""The offline zip, unpacked once for the offline tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sitebuild.editions import load_edition
from sitebuild.offline import zip_top_folder

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def unpacked(tmp_path_factory: pytest.TempPathFactory, site_dir: Path) -> Path:
    """The offline site's folder, as a reader gets it by unzipping the download (site_dir: built first)."""
    web = load_edition("web")
    archive_path = web.site_dir / web.downloads.folder / web.downloads.offline
    if not archive_path.is_file():
        pytest.fail(f"{archive_path} not found: run ./tasks.sh build first", pytrace=False)
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive_path) as archive:
        archive.extractall(target)
    return target / zip_top_folder(web.downloads.offline)
