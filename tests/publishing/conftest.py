"""The publishing build, once per session (publishing_build.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from publishing_build import CONFIG_FILES, PUBLISHING_ENV, Published, engine_build


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    dirs = {edition: tmp_path_factory.mktemp(f"published-{edition}") for edition in CONFIG_FILES}
    running = {edition: engine_build(config, dirs[edition], PUBLISHING_ENV) for edition, config in CONFIG_FILES.items()}
    with ThreadPoolExecutor(len(running)) as pool:  # read every build's output at once: none blocks on a full pipe
        outputs = dict(zip(running, pool.map(lambda proc: proc.communicate()[0], running.values())))
    for edition, proc in running.items():
        output = outputs[edition]
        if proc.returncode != 0:
            pytest.fail(f"the publishing build of {CONFIG_FILES[edition]} failed:\n{output[-3000:]}", pytrace=False)
    return Published(web=dirs["web"], offline=dirs["offline"], pdf_site=dirs["pdf"])
