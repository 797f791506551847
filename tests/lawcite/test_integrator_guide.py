"""The integrator's guide (scripts/lawcite/README.md, the package's description) run as written: its shell
commands, its pre-commit configuration and its GitHub Actions steps, in a scratch project with a fresh
virtualenv that installs lawcite from a zip of this repository (`git archive --format=zip`)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from lawcite_paths import LAWS, REPO

GUIDE = REPO / "scripts" / "lawcite" / "README.md"
SCHEMA = Path(__file__).resolve().parent / "sarif" / "sarif-schema-2.1.0.json"
BAD_PAGE = "---\nreviewed: 2026-11-29\n---\n\n# 隐私\n\n依照《民法典》**第一千三百条**处理。依照《民法典》第一千零三十二条。\n"
HTML_PAGE = "<html><body><p>依照《民法典》<strong>第一千三百条</strong>处理。</p></body></html>\n"


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def repository_zip(target: Path) -> Path:
    """A zip of the repository as committed (`git archive`), with the working tree's uncommitted changes to
    tracked files when there are any (`git stash create` makes a commit of them without touching anything)."""
    stash = subprocess.run(["git", "stash", "create"], capture_output=True, text=True, cwd=REPO, check=True).stdout.strip()
    archive = target / "lawcite-source.zip"
    subprocess.run(["git", "archive", "--format=zip", "-o", str(archive), stash or "HEAD"], cwd=REPO, check=True)
    return archive


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("integrator")
    work = root / "project"
    (work / "docs").mkdir(parents=True)
    (work / "site").mkdir()
    (work / "docs" / "privacy.md").write_text(BAD_PAGE, encoding="utf-8")
    (work / "site" / "privacy.html").write_text(HTML_PAGE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LAWCITE_", "VIRTUAL_ENV", "PYTHON"))}
    env["LAWCITE_SOURCE"] = str(repository_zip(root))
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(REPO)))
    return work, env


def run_lines(lines: list[str], cwd: Path, env: dict[str, str], activate: bool) -> list[tuple[int, str, str]]:
    """Each line in one bash session (so `. .venv/bin/activate` holds), each line's status and output apart."""
    script = [". .venv/bin/activate"] if activate else []
    for k, line in enumerate(lines):
        script.append(f"{{ {line}\n}} >.out{k} 2>.err{k}; echo $? >.rc{k}")
    subprocess.run(["bash", "-c", "\n".join(script)], cwd=cwd, env=env, timeout=600, check=True)
    out = []
    for k in range(len(lines)):
        out.append((int((cwd / f".rc{k}").read_text()), (cwd / f".out{k}").read_text(), (cwd / f".err{k}").read_text()))
    return out


def test_the_shell_commands(project: tuple[Path, dict[str, str]]) -> None:
    work, env = project
    (block,) = [b for b in blocks("sh") if "pip install" in b]
    lines = [ln for ln in block.splitlines() if ln.strip()]
    results = dict(zip(lines, run_lines(lines, work, env, activate=False)))

    def result(start: str) -> tuple[int, str, str]:
        return next(v for k, v in results.items() if k.startswith(start))

    assert result("python3 -m venv")[0] == 0
    rc, out, err = result("pip install")
    assert rc == 0, err
    rc, out, _ = result("lawcite check docs/  ")
    assert rc == 1 and "docs/privacy.md:7:3: error: no-such-article:" in out
    assert out.endswith("1 file, 2 citations: 1 error, 0 warnings\n")
    rc, out, _ = result("lawcite check docs/ --format github")
    assert rc == 1 and out.startswith("::error file=docs/privacy.md,line=7,col=3,")
    rc, _, _ = result("lawcite check docs/ --format sarif")
    log = json.loads((work / "lawcite.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert rc == 1 and [r["ruleId"] for r in log["runs"][0]["results"]] == ["no-such-article"]
    rc, out, _ = result("lawcite check docs/ --format json")
    assert rc == 1 and [c["status"] for c in json.loads(out)["citations"]] == ["no-such-article", "ok"]
    rc, out, _ = result("lawcite check site/")
    assert rc == 1 and "site/privacy.html:1:18: error: no-such-article:" in out
    rc, out, _ = result("lawcite check --help")
    assert rc == 0 and "exit status:" in out
    # the laws came with the package, from the zip: no symlink, no checkout beside it
    installed = subprocess.run([str(work / ".venv" / "bin" / "python"), "-c", "import lawcite.registry as r; print(r.default_registry_path())"],
                               capture_output=True, text=True, env=env, cwd=work, timeout=60).stdout.strip()
    laws = Path(installed)
    assert "site-packages" in installed and not laws.is_symlink()
    assert sorted(f.name for f in laws.iterdir()) == sorted(f.name for f in LAWS.iterdir() if f.suffix in (".md", ".yaml"))


def test_the_pre_commit_configuration(project: tuple[Path, dict[str, str]]) -> None:
    """pre-commit runs the hook's entry with its args and the staged files its `files` pattern matches."""
    work, env = project
    if not (work / ".venv" / "bin" / "lawcite").exists():
        pytest.skip("needs the virtualenv of test_the_shell_commands")
    (config,) = [yaml.safe_load(b) for b in blocks("yaml") if "pre-commit" in b or "hooks:" in b][:1]
    (repo,) = config["repos"]
    (wanted,) = repo["hooks"]
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    hook = hooks[wanted["id"]]
    staged = sorted(str(p.relative_to(work)) for p in work.rglob("*") if p.is_file() and ".venv" not in p.parts
                    and re.search(hook["files"], str(p.relative_to(work))))
    assert staged == ["docs/privacy.md", "site/privacy.html"]
    command = " ".join([hook["entry"], *wanted.get("args", []), *staged])
    ((rc, out, _),) = run_lines([command], work, env, activate=True)
    assert rc == 1 and "docs/privacy.md:7:3: error: no-such-article" in out and "site/privacy.html:1:18" in out


def test_the_github_actions_steps(project: tuple[Path, dict[str, str]]) -> None:
    work, env = project
    if not (work / ".venv" / "bin" / "lawcite").exists():
        pytest.skip("needs the virtualenv of test_the_shell_commands")
    (steps,) = [yaml.safe_load(b)["steps"] for b in blocks("yaml") if "steps:" in b]
    runs = [s["run"] for s in steps if "run" in s]
    (work / "lawcite.sarif").unlink(missing_ok=True)
    results = run_lines(runs, work, env, activate=True)
    assert [rc for rc, _, _ in results] == [0, 0, 1]  # install; SARIF (|| true); annotations fail the job
    assert results[2][1].startswith("::error file=docs/privacy.md,line=7,col=3,")
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    log = json.loads((work / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)


def test_the_config_file(project: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    work, env = project
    if not (work / ".venv" / "bin" / "lawcite").exists():
        pytest.skip("needs the virtualenv of test_the_shell_commands")
    (config,) = [b for b in blocks("yaml") if b.startswith("registry:")]
    own = tmp_path / "own"
    (own / "data" / "laws").mkdir(parents=True)
    law = next(LAWS.glob("fanzha@*.md"))
    (own / "data" / "laws" / law.name).write_text(law.read_text(encoding="utf-8"), encoding="utf-8")
    (own / ".lawcite.yaml").write_text(config, encoding="utf-8")
    (own / "drafts").mkdir()
    (own / "drafts" / "x.md").write_text("《人民民法典》第十条\n", encoding="utf-8")
    (own / "page.md").write_text("依照《劳动合同法》第三十八条；《反电信网络诈骗法》第一条。\n", encoding="utf-8")
    ((rc, out, err),) = run_lines(["lawcite check . --format json"], own, env | {"PATH": f"{work / '.venv' / 'bin'}{os.pathsep}{env['PATH']}"},
                                  activate=False)
    data = json.loads(out)
    assert rc == 0, err
    assert [(c["path"], c["status"], c["severity"]) for c in data["citations"]] == [
        ("page.md", "unregistered-law", "ok"), ("page.md", "ok", "ok")]
    assert sys.executable  # the test's own interpreter is not the one that ran lawcite
