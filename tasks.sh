#!/usr/bin/env bash
# The project's two commands (see README.md):
#   ./tasks.sh build [--serve]   set up everything, build site/, the PDF handbook and the offline zip
#                                (each only when its inputs changed: sitebuild.build; --force builds all)
#   ./tasks.sh test [pytest args] set up everything, build, run every test; with pytest arguments (a folder,
#                                -k …) only those tests run, and only what they need is built
# Works on a fresh Debian/Ubuntu machine with only Python 3: system packages come from apt-get
# (as root, or through sudo), Python packages from requirements.lock into .venv, the test-only npm
# package (axe-core) from package-lock.json into node_modules.
#   ./tasks.sh lock              regenerate requirements.lock with every file's sha256 hash (pip-compile; the
#                                versions already pinned there stay; CONTRIBUTING.md)
#   ./tasks.sh setup [--test]    only the set-up (Debian packages, .venv; with --test also the test-only
#                                packages and node_modules), no build
# Works on a fresh Debian/Ubuntu machine with only Python 3: system packages come from apt-get
# (as root, or through sudo), Python packages from requirements.lock (with hashes) into .venv, the test-only
# npm package (axe-core) from package-lock.json into node_modules.
# Whatever stops it prints one line starting with "error:" that says what failed and what to do: explicit
# checks for the causes a new machine has (no apt-get, no root and no sudo, a package apt cannot find, no
# network, an old Python), and an ERR trap for anything else.
set -euo pipefail -o errtrace
cd "$(dirname "$0")"
export NO_MKDOCS_2_WARNING=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

# Debian packages: CJK fonts and Pango for the PDFs (WeasyPrint), Graphviz for the build-time
# diagrams, poppler-utils (pdftoppm) for the picture of the one-page handout; Chromium, npm and nginx
# (the web server test over site/) only for the tests.
BUILD_DEBS=(python3-venv fontconfig fonts-noto-cjk graphviz poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
TEST_DEBS=(chromium npm nginx)
PYTHON_MIN=(3 11)  # pyproject.toml: requires-python = ">=3.11"
LOG_DIR=build/setup-logs  # the full output of apt-get, pip and npm when they fail

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# What the step that is running does, for the ERR trap's one line.
step="setting up"
on_error() {
  local status=$1 line=$2 command=$3
  # a command substitution inherits the trap (errtrace): only the main shell speaks, once
  [[ $BASHPID == "$$" ]] || exit "$status"
  trap - ERR
  printf 'error: %s: `%s` failed with exit status %s (tasks.sh line %s); fix that and run ./tasks.sh again\n' \
    "$step" "$command" "$status" "$line" >&2
  exit "$status"
}
trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR

NETWORK_PATTERN='Temporary failure (in name )?resolving|Could not resolve|Failed to fetch|Network is unreachable|Connection (timed out|refused)|NewConnectionError|Max retries exceeded|ConnectTimeout|ProxyError|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET'

# run LOG_NAME COMMAND…: the command's output goes to a log; 0 or its exit status (no ERR trap).
run_logged() {
  local log="$LOG_DIR/$1.log"
  shift
  mkdir -p "$LOG_DIR"
  "$@" >"$log" 2>&1 && return 0
  return $?
}

offline() { grep -Eq "$NETWORK_PATTERN" "$LOG_DIR/$1.log"; }

ensure_debs() {
  step="checking the Debian packages"
  # one dpkg-query for all of them (a warm build spends its time on the build, not on checks)
  local missing=() installed
  # dpkg-query exits 1 when a package was never installed: that is an answer here, not a failure
  installed=" $( { dpkg-query -W -f='${db:Status-Abbrev}${Package}\n' "$@" 2>/dev/null || true; } | awk '$1 == "ii" { printf "%s ", $2 }') "
  for pkg in "$@"; do
    [[ "$installed" == *" $pkg "* ]] || missing+=("$pkg")
  done
  # node and npm may come from elsewhere than Debian (nodesource, nvm): accept any working npm.
  if [[ " ${missing[*]-} " == *" npm "* ]] && command -v npm >/dev/null; then
    missing=("${missing[@]/npm}")
  fi
  local wanted=()
  for pkg in "${missing[@]-}"; do [[ -n "$pkg" ]] && wanted+=("$pkg"); done
  ((${#wanted[@]})) || return 0
  command -v apt-get >/dev/null ||
    fail "missing system packages: ${wanted[*]}; this machine has no apt-get: install them with its package manager (names may differ), then run ./tasks.sh again"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null ||
      fail "missing system packages: ${wanted[*]}; installing them needs root and sudo is not installed: run ./tasks.sh as root, or as root run: apt-get install ${wanted[*]}"
    sudo=(sudo)
  fi
  say "apt-get install ${wanted[*]}"
  step="updating apt's package lists (${sudo[*]:+sudo }apt-get update)"
  if ! run_logged apt-get-update "${sudo[@]}" apt-get update -qq; then
    offline apt-get-update &&
      fail "apt-get update cannot reach the Debian package servers (no network?): connect this machine, or install ${wanted[*]} by hand; output in $LOG_DIR/apt-get-update.log"
    fail "apt-get update failed (${sudo[*]:+sudo: is this user allowed to run apt-get? }see $LOG_DIR/apt-get-update.log); fix it, or install ${wanted[*]} by hand, then run ./tasks.sh again"
  fi
  step="installing ${wanted[*]}"
  if ! run_logged apt-get-install "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}"; then
    # offline, apt-get update only warns, and install then finds no package at all: the network comes first
    { offline apt-get-update || offline apt-get-install; } &&
      fail "apt-get cannot download ${wanted[*]} (no network to the Debian package servers?): connect this machine and run ./tasks.sh again; output in $LOG_DIR/apt-get-update.log and apt-get-install.log"
    local unknown
    unknown=$(sed -nE "s/.*Unable to locate package ([^ ]+).*/\1/p; s/.*Package '?([^ ']+)'? has no installation candidate.*/\1/p" "$LOG_DIR/apt-get-install.log" | sort -u | tr '\n' ' ')
    [[ -z "$unknown" ]] ||
      fail "apt cannot find the package(s) ${unknown% }: this needs Debian 12 or Ubuntu 22.04 or newer with the main (Ubuntu: universe) component in the apt sources; add it and run ./tasks.sh again"
    fail "apt-get install ${wanted[*]} failed: see $LOG_DIR/apt-get-install.log, fix it, then run ./tasks.sh again"
  fi
}

check_python() {
  step="checking Python"
  command -v python3 >/dev/null ||
    fail "no python3 on PATH: install Python ${PYTHON_MIN[0]}.${PYTHON_MIN[1]} or newer (apt-get install python3), then run ./tasks.sh again"
  local version
  version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])') ||
    fail "python3 does not run (see the message above): repair it or put a working python3 first on PATH"
  local major=${version%%.*} minor=${version#*.}
  if ((major < PYTHON_MIN[0] || (major == PYTHON_MIN[0] && minor < PYTHON_MIN[1]))); then
    fail "python3 is $version; the project needs Python ${PYTHON_MIN[0]}.${PYTHON_MIN[1]} or newer (pyproject.toml): install it (Debian 12 has 3.11) and put it first on PATH as python3, then run ./tasks.sh again"
  fi
}

pip_failure() {
  local log=$1 what=$2
  grep -q "DO NOT MATCH THE HASHES" "$LOG_DIR/$log.log" &&
    fail "$what: a downloaded file does not match its sha256 hash in requirements.lock: regenerate the hashes (CONTRIBUTING.md, Python dependencies) or check for a tampered mirror; output in $LOG_DIR/$log.log"
  grep -Eq "Hashes are required in --require-hashes mode" "$LOG_DIR/$log.log" &&
    fail "$what: requirements.lock has a line without its sha256 hashes: add them (CONTRIBUTING.md, Python dependencies), then run ./tasks.sh again; output in $LOG_DIR/$log.log"
  offline "$log" &&
    fail "$what: pip cannot reach the package index (no network to PyPI? a proxy needs HTTPS_PROXY): connect this machine and run ./tasks.sh again; output in $LOG_DIR/$log.log"
  fail "$what failed: see $LOG_DIR/$log.log, fix it, then run ./tasks.sh again"
}

ensure_venv() {
  step="checking .venv"
  if [[ ! -x .venv/bin/python ]]; then
    say "python3 -m venv .venv"
    step="creating .venv (python3 -m venv .venv)"
    run_logged venv python3 -m venv .venv ||
      fail "python3 -m venv .venv failed (Debian: the python3-venv package is needed): see $LOG_DIR/venv.log"
  fi
  local stamp=.venv/.requirements.sha256 want
  step="checking .venv against requirements.lock and pyproject.toml"
  want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    say "pip install --require-hashes -r requirements.lock"
    step="installing the Python packages"
    run_logged pip-install .venv/bin/pip install -q --require-hashes -r requirements.lock ||
      pip_failure pip-install "pip install -r requirements.lock"
    # the project's distribution was named shangmen-cuishou-mingbaizhi before it held lawcite alone
    .venv/bin/pip uninstall -q -y shangmen-cuishou-mingbaizhi >/dev/null 2>&1 || true
    run_logged pip-install-project .venv/bin/pip install -q --no-deps --no-build-isolation -e . ||
      pip_failure pip-install-project "pip install -e . (this project)"
    # the site's build code (scripts/sitebuild) is not in the lawcite distribution: scripts/ on the path
    step="putting scripts/ on the virtualenv's path"
    .venv/bin/python -c 'import pathlib, sys, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "project-scripts.pth").write_text(sys.argv[1] + "\n")' "$PWD/scripts"
    echo "$want" >"$stamp"
  fi
}

ensure_node_modules() {
  step="checking node_modules"
  local stamp=node_modules/.package-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    say "npm ci (axe-core)"
    step="installing the test-only npm package (npm ci)"
    if ! run_logged npm-ci npm ci --no-audit --no-fund --loglevel=error; then
      offline npm-ci &&
        fail "npm ci cannot reach the npm registry (no network?): connect this machine and run ./tasks.sh again; output in $LOG_DIR/npm-ci.log"
      fail "npm ci failed: see $LOG_DIR/npm-ci.log, fix it, then run ./tasks.sh again"
    fi
    echo "$want" >"$stamp"
  fi
}

set_up() {  # set_up build|test
  check_python
  if [[ $1 == test ]]; then
    ensure_debs "${BUILD_DEBS[@]}" "${TEST_DEBS[@]}"
    ensure_venv
    ensure_node_modules
  else
    ensure_debs "${BUILD_DEBS[@]}"
    ensure_venv
  fi
  step="setting up"
  say "set-up checked in $(elapsed)"
}

PIP_TOOLS=pip-tools==7.6.2
lock() {
  check_python
  local tools=build/pip-tools
  if [[ ! -x $tools/bin/pip-compile ]]; then
    say "python3 -m venv $tools; pip install $PIP_TOOLS"
    step="installing pip-tools"
    run_logged pip-tools python3 -m venv "$tools" || fail "python3 -m venv $tools failed: see $LOG_DIR/pip-tools.log"
    run_logged pip-tools "$tools/bin/pip" install -q "$PIP_TOOLS" || pip_failure pip-tools "pip install $PIP_TOOLS"
  fi
  say "pip-compile --generate-hashes requirements.in -> requirements.lock"
  step="regenerating requirements.lock"
  # the pins already in requirements.lock are kept (pip-compile prefers them); new lines `name==version`
  # there pin the packages newly named in requirements.in
  CUSTOM_COMPILE_COMMAND="./tasks.sh lock" run_logged pip-compile "$tools/bin/pip-compile" --quiet --generate-hashes \
    --allow-unsafe --no-strip-extras --no-emit-index-url --no-emit-find-links --output-file=requirements.lock requirements.in ||
    pip_failure pip-compile "pip-compile requirements.in"
  say "requirements.lock: $(grep -c '^[A-Za-z]' requirements.lock) packages, $(grep -c 'sha256:' requirements.lock) hashes"
}

build() {
  say "build: site/, PDF and offline zip"
  step="building"
  # the build driver prints its own one-line error (sitebuild.errors.BuildError)
  .venv/bin/python -m sitebuild.build "$@" || exit $?
}

started=$(date +%s%N)
elapsed() { printf '%d.%d s' $(( ($(date +%s%N) - started) / 1000000000 )) $(( ($(date +%s%N) - started) / 100000000 % 10 )); }

case "${1-}" in
  lock)
    lock
    ;;
  setup)
    shift
    if [[ "${1-}" == --test ]]; then set_up test; else set_up build; fi
    ;;
  build)
    shift
    serve=0
    build_args=()
    for arg in "$@"; do
      case "$arg" in
        --serve) serve=1 ;;
        *) build_args+=("$arg") ;;
      esac
    done
    set_up build
    build "${build_args[@]+"${build_args[@]}"}"
    say "./tasks.sh build: $(elapsed) in all"
    if ((serve)); then
      say "preview on http://127.0.0.1:8000/ (Ctrl-C stops)"
      exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000
    fi
    ;;
  test)
    shift
    set_up test
    # Every test: build first (each edition only if its inputs changed). With pytest arguments, the tests
    # that need a built site run the same build themselves (tests/conftest.py); the others need none.
    (($#)) || build
    say "pytest"
    status=0
    .venv/bin/python -m pytest "$@" || status=$?
    say "./tasks.sh test: $(elapsed) in all"
    exit "$status"
    ;;
  *)
    echo "usage: ./tasks.sh build [--serve] [--force] | ./tasks.sh test [pytest args] | ./tasks.sh setup [--test] | ./tasks.sh lock" >&2
    exit 2
    ;;
esac
