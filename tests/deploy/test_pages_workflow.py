"""The GitHub Pages workflow (.github/workflows/pages.yml): valid against the workflow schema (vendored,
SOURCE.md), building with the README's build command, and publishing site/ with the official Pages actions
and the address the Pages set-up reports."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github/workflows/pages.yml"
SCHEMA = Path(__file__).with_name("github-workflow.schema.json")
SCHEMA_SHA256 = "d10c9f4656e1bd5bc6727e9b35080e017dc167154726fca93da33c7a6bd1c4f3"


def load_workflow(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return load_workflow(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    raw = SCHEMA.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256, "the vendored schema changed: see tests/deploy/SOURCE.md"
    schema = json.loads(raw)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def uses(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@")[0]


def readme_build_command() -> str:
    """The README's build command: the first `./tasks.sh build` line of its command block, without the comment."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^(\./tasks\.sh build)\s*(#.*)?$", text, re.MULTILINE)
    assert m, "README.md has no `./tasks.sh build` line"
    return m.group(1)


def test_workflow_is_valid(workflow: dict[str, Any], validator: jsonschema.Draft7Validator) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(workflow)]
    assert errors == []


@pytest.mark.parametrize("break_it", ["no runs-on", "misspelt key", "bad permission"])
def test_schema_catches_a_broken_workflow(workflow: dict[str, Any], validator: jsonschema.Draft7Validator,
                                          break_it: str) -> None:
    broken = copy.deepcopy(workflow)
    if break_it == "no runs-on":
        del broken["jobs"]["deploy"]["runs-on"]
    elif break_it == "misspelt key":
        broken["jobs"]["build"]["step"] = broken["jobs"]["build"].pop("steps")
    else:
        broken["permissions"]["pages"] = "publish"
    assert list(validator.iter_errors(broken)) != []


def test_builds_with_the_readme_build_command(workflow: dict[str, Any]) -> None:
    runs = [step.get("run", "").strip() for step in steps(workflow, "build")]
    assert readme_build_command() == "./tasks.sh build"
    assert runs.count(readme_build_command()) == 1


def test_publishes_site_with_the_official_pages_actions(workflow: dict[str, Any]) -> None:
    build = steps(workflow, "build")
    order = [uses(s) or s.get("run", "").strip() for s in build]
    assert order.index("actions/checkout") < order.index("actions/configure-pages") < order.index("./tasks.sh build") \
        < order.index("actions/upload-pages-artifact")
    (upload,) = [s for s in build if uses(s) == "actions/upload-pages-artifact"]
    assert upload["with"]["path"].rstrip("/") == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [uses(s) for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"]
    assert "main" in workflow["on"]["push"]["branches"]


def test_site_url_and_report_address_come_from_pages_and_the_repository(workflow: dict[str, Any]) -> None:
    build = steps(workflow, "build")
    (pages,) = [s for s in build if uses(s) == "actions/configure-pages"]
    (run,) = [s for s in build if s.get("run", "").strip() == readme_build_command()]
    assert run["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    assert run["env"]["REPORT_ERROR_EMAIL"] == "${{ vars.REPORT_ERROR_EMAIL }}"
    assert "REPORT_ERROR_EMAIL" in WORKFLOW.read_text(encoding="utf-8").split("\nname:")[0]  # the comment says how to set it


def test_python_is_one_the_project_supports(workflow: dict[str, Any]) -> None:
    (setup,) = [s for s in steps(workflow, "build") if uses(s) == "actions/setup-python"]
    required = re.search(r'requires-python = ">=(\d+)\.(\d+)"', (ROOT / "pyproject.toml").read_text()).groups()  # type: ignore[union-attr]
    assert tuple(map(int, str(setup["with"]["python-version"]).split("."))) >= tuple(map(int, required))
