"""The GitHub issue form for error reports: valid YAML in GitHub's issue-form shape, with the same three fields
as the e-mail the pages' links open (页面, 哪里不对, 依据/来源)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def test_report_error_form_has_the_three_fields() -> None:
    form = yaml.safe_load((FORMS / "report-error.yml").read_text(encoding="utf-8"))
    assert isinstance(form["name"], str) and isinstance(form["description"], str) and form["description"]
    fields = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert list(fields) == ["page", "what-is-wrong", "source"]
    assert [f["attributes"]["label"] for f in fields.values()] == ["页面", "哪里不对", "依据/来源"]
    assert fields["page"]["type"] == "input"
    assert all(f["validations"]["required"] is True for f in fields.values())
    assert all(item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"} for item in form["body"])


def test_issue_config_offers_only_the_form() -> None:
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    assert config == {"blank_issues_enabled": False}
