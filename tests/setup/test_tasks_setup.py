"""`./tasks.sh setup` on a machine that is not this one: stand-in dpkg-query, apt-get, sudo, id, python3 (with
the pip of the .venv it makes) and npm first on PATH, each logging how it was called, and no other program
than the few real tools the script uses. So a machine that already has every package cannot hide a broken
first run: the tests say which packages were asked for, what was printed, and the exit status.

Each test runs a copy of tasks.sh and the files it reads in a temporary folder; nothing is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_FILES = ("tasks.sh", "requirements.lock", "pyproject.toml", "package-lock.json")
REAL_TOOLS = ("bash", "env", "awk", "cat", "cut", "date", "dirname", "grep", "mkdir", "sed", "sha256sum", "sort", "tr", "chmod")


def debs(name: str) -> list[str]:
    """BUILD_DEBS or TEST_DEBS as tasks.sh lists them."""
    m = re.search(rf"^{name}=\(([^)]*)\)", (ROOT / "tasks.sh").read_text(encoding="utf-8"), re.MULTILINE)
    assert m, f"tasks.sh has no {name}=(…) line"
    return m.group(1).split()


BUILD_DEBS = debs("BUILD_DEBS")
TEST_DEBS = debs("TEST_DEBS")

# Each stand-in appends one line "<name> <arguments>" to $CALLS, then behaves as the FAKE_* variables say.
STANDINS = {
    "dpkg-query": r"""
# prints "ii  <name>" for each package in $INSTALLED; exits 1 when any other was asked for (as dpkg-query does)
status=0
for arg in "$@"; do
  case "$arg" in -*) continue ;; esac
  if [[ " $INSTALLED " == *" $arg "* ]]; then echo "ii  $arg"; else echo "dpkg-query: no packages found matching $arg" >&2; status=1; fi
done
exit $status
""",
    "apt-get": r"""
case "$1:$FAKE_APT" in
  update:offline)
    echo "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'"
    echo "W: Some index files failed to download. They have been ignored, or old ones used instead." ;;
  install:offline|install:unknown)
    for pkg in "${@:2}"; do
      [[ $pkg == -* ]] && continue
      [[ $FAKE_APT == offline || $pkg == "$FAKE_UNKNOWN" ]] && echo "E: Unable to locate package $pkg" >&2
    done
    exit 100 ;;
esac
[[ "$1" == install ]] && echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >>"$CALLS"
exit 0
""",
    "sudo": r'exec "$@"',
    "id": r'[[ "$1" == -u ]] && echo "${FAKE_UID:-0}"',
    "python3": r"""
if [[ "$1" == -c ]]; then echo "${FAKE_PYTHON:-3.11}"; exit 0; fi
if [[ "$1 $2" == "-m venv" ]]; then
  mkdir -p "$3/bin"
  printf '#!/bin/bash\necho "python $*" >>"$CALLS"\n' >"$3/bin/python"
  cat >"$3/bin/pip" <<'PIP'
#!/bin/bash
echo "pip $*" >>"$CALLS"
if [[ $FAKE_PIP == offline ]]; then
  echo "WARNING: Retrying (Retry(total=4)) after connection broken by 'NewConnectionError(\"Failed to establish a new connection: [Errno -3] Temporary failure in name resolution\")': /simple/ast-serialize/"
  echo "ERROR: Could not find a version that satisfies the requirement ast-serialize==0.13.1" >&2
  exit 1
fi
if [[ $FAKE_PIP == unhashed ]]; then
  echo "ERROR: Hashes are required in --require-hashes mode, but they are missing from some requirements." >&2
  exit 1
fi
PIP
  chmod +x "$3/bin/python" "$3/bin/pip"
fi
""",
    "npm": r"""
if [[ $FAKE_NPM == offline ]]; then echo "npm error code EAI_AGAIN" >&2; exit 1; fi
mkdir -p node_modules
""",
}


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str
    calls: list[str]

    def called(self, program: str) -> list[str]:
        return [c for c in self.calls if c.split()[0] == program]

    def installed(self) -> list[str]:
        """The packages of the apt-get install call (after its options)."""
        (call,) = [c for c in self.calls if c.startswith("apt-get install")]
        return [word for word in call.split()[2:] if not word.startswith("-")]

    @property
    def error_lines(self) -> list[str]:
        return self.stderr.strip().splitlines()


class Machine:
    """A temporary project folder and a PATH of stand-ins; `without` leaves stand-ins out (apt-get, sudo …)."""

    def __init__(self, tmp_path: Path) -> None:
        self.project = tmp_path / "project"
        self.project.mkdir()
        for name in PROJECT_FILES:
            shutil.copy2(ROOT / name, self.project / name)
        self.bin = tmp_path / "bin"
        self.tools = tmp_path / "tools"
        self.bin.mkdir()
        self.tools.mkdir()
        for tool in REAL_TOOLS:
            real = shutil.which(tool)
            assert real, f"{tool} is needed to run tasks.sh"
            (self.tools / tool).symlink_to(real)
        self.calls = tmp_path / "calls.log"

    def run(self, *args: str, without: tuple[str, ...] = (), **fake: str) -> Run:
        for name, body in STANDINS.items():
            target = self.bin / name
            target.unlink(missing_ok=True)
            if name not in without:
                target.write_text("#!/bin/bash\n" + f'echo "{name} $*" >>"$CALLS"\n' * (name != "python3") + body)
                target.chmod(0o755)
        self.calls.write_text("")
        env = {"PATH": f"{self.bin}:{self.tools}", "CALLS": str(self.calls), "HOME": str(self.project),
               "INSTALLED": "", "FAKE_APT": "ok", "FAKE_PIP": "ok", "FAKE_NPM": "ok", "FAKE_UNKNOWN": "", **fake}
        proc = subprocess.run([str(self.tools / "bash"), str(self.project / "tasks.sh"), "setup", *args], env=env,
                              capture_output=True, text=True, timeout=60, check=False)
        return Run(proc.returncode, proc.stdout, proc.stderr, self.calls.read_text().splitlines())


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path)


def test_never_installed_packages_are_all_installed(machine: Machine) -> None:
    run = machine.run()
    assert run.status == 0, run.stderr
    assert run.stderr == ""
    assert {"graphviz", "fonts-noto-cjk", "poppler-utils", "python3-venv"} <= set(BUILD_DEBS)
    assert run.installed() == BUILD_DEBS
    assert run.called("apt-get")[0] == "apt-get update -qq"
    assert "DEBIAN_FRONTEND=noninteractive" in run.calls
    assert run.called("sudo") == []  # root (id -u is 0) needs none
    assert "pip install -q --require-hashes -r requirements.lock" in run.calls
    assert "pip install -q --no-deps --no-build-isolation -e ." in run.calls
    assert "set-up checked" in run.stdout


def test_only_the_missing_packages_are_asked_for(machine: Machine) -> None:
    run = machine.run(INSTALLED=" ".join(BUILD_DEBS[:3]))
    assert run.status == 0, run.stderr
    assert run.installed() == BUILD_DEBS[3:]


def test_nothing_asked_of_apt_when_everything_is_there(machine: Machine) -> None:
    run = machine.run(INSTALLED=" ".join(BUILD_DEBS))
    assert run.status == 0, run.stderr
    assert run.called("apt-get") == []
    assert len(run.called("dpkg-query")) == 1  # one query for all the packages


def test_test_set_up_asks_for_the_test_packages_too(machine: Machine) -> None:
    run = machine.run("--test", INSTALLED=" ".join(BUILD_DEBS))
    assert run.status == 0, run.stderr
    assert {"chromium", "nginx"} <= set(TEST_DEBS)
    # npm works already (the stand-in is on PATH), so only Debian's chromium and nginx are asked for
    assert run.installed() == [p for p in TEST_DEBS if p != "npm"]
    assert "npm ci --no-audit --no-fund --loglevel=error" in run.calls


def test_no_apt_get(machine: Machine) -> None:
    run = machine.run(without=("apt-get",), INSTALLED="python3-venv")
    assert run.status == 1
    (line,) = run.error_lines
    assert line.startswith("error: missing system packages: fontconfig fonts-noto-cjk graphviz")
    assert "no apt-get" in line and "package manager" in line
    assert run.called("pip") == []


def test_not_root_and_no_sudo(machine: Machine) -> None:
    run = machine.run(without=("sudo",), FAKE_UID="1000")
    assert run.status == 1
    (line,) = run.error_lines
    assert "needs root and sudo is not installed" in line
    assert "run ./tasks.sh as root" in line and "apt-get install python3-venv" in line
    assert run.called("apt-get") == []


def test_not_root_goes_through_sudo(machine: Machine) -> None:
    run = machine.run(FAKE_UID="1000", INSTALLED=" ".join(BUILD_DEBS[1:]))
    assert run.status == 0, run.stderr
    assert run.called("sudo") == [
        "sudo apt-get update -qq",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv",
    ]
    assert "DEBIAN_FRONTEND=noninteractive" in run.calls  # set inside sudo, which clears the environment


def test_a_package_apt_cannot_find(machine: Machine) -> None:
    run = machine.run(FAKE_APT="unknown", FAKE_UNKNOWN="libharfbuzz-subset0")
    assert run.status == 1
    (line,) = run.error_lines
    assert line.startswith("error: apt cannot find the package(s) libharfbuzz-subset0:")
    assert "apt sources" in line
    assert run.called("pip") == []


def test_no_network_for_apt(machine: Machine) -> None:
    run = machine.run(FAKE_APT="offline")
    assert run.status == 1
    (line,) = run.error_lines
    assert "cannot download" in line and "no network" in line
    assert "Unable to locate" not in line  # offline, every package is unknown: the network is the cause


def test_no_network_for_pip(machine: Machine) -> None:
    run = machine.run(INSTALLED=" ".join(BUILD_DEBS), FAKE_PIP="offline")
    assert run.status == 1
    (line,) = run.error_lines
    assert line.startswith("error: pip install -r requirements.lock: pip cannot reach the package index")
    assert "build/setup-logs/pip-install.log" in line
    assert (machine.project / "build/setup-logs/pip-install.log").read_text().count("NewConnectionError") == 1
    assert not (machine.project / ".venv/.requirements.sha256").exists()  # the next run tries again


def test_a_lock_line_without_hashes(machine: Machine) -> None:
    run = machine.run(INSTALLED=" ".join(BUILD_DEBS), FAKE_PIP="unhashed")
    assert run.status == 1
    (line,) = run.error_lines
    assert "requirements.lock has a line without its sha256 hashes" in line and "CONTRIBUTING.md" in line


def test_no_network_for_npm(machine: Machine) -> None:
    run = machine.run("--test", INSTALLED=" ".join(BUILD_DEBS + TEST_DEBS), FAKE_NPM="offline")
    assert run.status == 1
    (line,) = run.error_lines
    assert line.startswith("error: npm ci cannot reach the npm registry")


def test_python_older_than_required(machine: Machine) -> None:
    run = machine.run(FAKE_PYTHON="3.9")
    assert run.status == 1
    (line,) = run.error_lines
    assert line.startswith("error: python3 is 3.9; the project needs Python 3.11 or newer")
    assert run.calls == []  # checked first: nothing is installed for a Python that cannot run the project


def test_no_python(machine: Machine) -> None:
    run = machine.run(without=("python3",))
    assert run.status == 1
    (line,) = run.error_lines
    assert line.startswith("error: no python3 on PATH")


def test_anything_else_is_one_line_from_the_trap(machine: Machine) -> None:
    (machine.project / "pyproject.toml").unlink()  # the .venv check reads it
    run = machine.run(INSTALLED=" ".join(BUILD_DEBS))
    assert run.status == 1
    errors = [line for line in run.error_lines if line.startswith("error:")]
    assert errors == [run.error_lines[-1]]
    assert errors[0].startswith("error: checking .venv against requirements.lock and pyproject.toml: `want=$(cat requirements.lock pyproject.toml")
    assert "failed with exit status 1 (tasks.sh line" in errors[0]
