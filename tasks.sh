#!/usr/bin/env bash
# The project's two commands (see README.md):
#   ./tasks.sh build [--serve]   set up everything, build site/, the PDF handbook and the offline zip
#                                (each only when its inputs changed: sitebuild.build; --force builds all)
#   ./tasks.sh test [pytest args] set up everything, build, run every test; with pytest arguments (a folder,
#                                -k …) only those tests run, and only what they need is built
# Works on a fresh Debian/Ubuntu machine with only Python 3: system packages come from apt-get
# (as root, or through sudo), Python packages from requirements.lock into .venv, the test-only npm
# package (axe-core) from package-lock.json into node_modules.
set -euo pipefail
cd "$(dirname "$0")"
export NO_MKDOCS_2_WARNING=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

# Debian packages: CJK fonts and Pango for the PDFs (WeasyPrint), Graphviz for the build-time
# diagrams, poppler-utils (pdftoppm) for the picture of the one-page handout; Chromium and npm only
# for the tests.
BUILD_DEBS=(python3-venv fontconfig fonts-noto-cjk graphviz poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
TEST_DEBS=(chromium npm)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_debs() {
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
  if ! command -v apt-get >/dev/null; then
    echo "error: missing system packages: ${wanted[*]}; install them with your package manager." >&2
    exit 1
  fi
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  say "apt-get install ${wanted[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
}

ensure_venv() {
  if [[ ! -x .venv/bin/python ]]; then
    say "python3 -m venv .venv"
    python3 -m venv .venv
  fi
  local stamp=.venv/.requirements.sha256 want
  want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    say "pip install -r requirements.lock"
    .venv/bin/pip install -q -r requirements.lock
    # the project's distribution was named shangmen-cuishou-mingbaizhi before it held lawcite alone
    .venv/bin/pip uninstall -q -y shangmen-cuishou-mingbaizhi >/dev/null 2>&1 || true
    .venv/bin/pip install -q --no-deps --no-build-isolation -e .
    # the site's build code (scripts/sitebuild) is not in the lawcite distribution: scripts/ on the path
    .venv/bin/python -c 'import pathlib, sys, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "project-scripts.pth").write_text(sys.argv[1] + "\n")' "$PWD/scripts"
    echo "$want" >"$stamp"
  fi
}

ensure_node_modules() {
  local stamp=node_modules/.package-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    say "npm ci (axe-core)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  fi
}

build() {
  say "build: site/, PDF and offline zip"
  .venv/bin/python -m sitebuild.build "$@"
}

started=$(date +%s%N)
elapsed() { printf '%d.%d s' $(( ($(date +%s%N) - started) / 1000000000 )) $(( ($(date +%s%N) - started) / 100000000 % 10 )); }

case "${1-}" in
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
    ensure_debs "${BUILD_DEBS[@]}"
    ensure_venv
    say "set-up checked in $(elapsed)"
    build "${build_args[@]+"${build_args[@]}"}"
    say "./tasks.sh build: $(elapsed) in all"
    if ((serve)); then
      say "preview on http://127.0.0.1:8000/ (Ctrl-C stops)"
      exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000
    fi
    ;;
  test)
    shift
    ensure_debs "${BUILD_DEBS[@]}" "${TEST_DEBS[@]}"
    ensure_venv
    ensure_node_modules
    say "set-up checked in $(elapsed)"
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
    echo "usage: ./tasks.sh build [--serve] [--force] | ./tasks.sh test [pytest args]" >&2
    exit 2
    ;;
esac
