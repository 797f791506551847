"""Shared fixtures: a small registry built from real statute text, the project registry, ../shared."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from lawcite import Registry, load_registry  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = (REPO / "../shared").resolve()
LAWS = SHARED / "laws"
SEED = SHARED / "seed" / "000_3e392a57e86ee2c0.txt"


@pytest.fixture(scope="session")
def reg() -> Registry:
    """tests/lawcite/fixtures/laws: 民法典, 刑法, 治安管理处罚法 (2013 + 2026), 反电信网络诈骗法, 合同法."""
    return load_registry(FIXTURES / "laws")


@pytest.fixture(scope="session")
def project_registry() -> Registry:
    if not (REPO / "data" / "laws").is_dir():
        pytest.skip("data/laws is absent: the project registry has not been written yet")
    return load_registry()


@pytest.fixture(scope="session")
def shared_laws() -> Path:
    if not LAWS.is_dir():
        pytest.skip(f"{LAWS} is absent: the statute corpus (../shared/laws) is needed for this test")
    return LAWS
