"""The offline zip, unpacked once for the offline tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sitebuild.offline import ZIP_TOP_FOLDER

ROOT = Path(__file__).resolve().parents[2]
ZIP = ROOT / "site" / "downloads" / "shangmen-cuishou-mingbaizhi-offline.zip"


@pytest.fixture(scope="session")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline site's folder, as a reader gets it by unzipping the download."""
    if not ZIP.is_file():
        pytest.fail(f"{ZIP.relative_to(ROOT)} not found: run ./tasks.sh build first", pytrace=False)
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(ZIP) as archive:
        archive.extractall(target)
    return target / ZIP_TOP_FOLDER
