"""A real nginx (Debian's package) serving a built site with the project's own server block,
deploy/nginx/site.conf, on a free port of 127.0.0.1, as the current user, everything it writes in a
temporary folder. Used by the web server tests and by scripts/bench_pageweight.py --nginx.

The server block is used as it is written, but for three lines: `root` and the headers `include` point at the
site under test instead of the server's folder, and it listens on 127.0.0.1:<free port>.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER_BLOCK = ROOT / "deploy/nginx/site.conf"
SERVER_SITE_DIR = "/var/www/shangmen-cuishou-mingbaizhi/site"  # where deploy/nginx/site.conf expects site/
NGINX = Path("/usr/sbin/nginx")
HOST = "127.0.0.1"


class NginxMissing(RuntimeError):
    pass


class NginxFailed(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_block(site_dir: Path, port: int) -> str:
    """deploy/nginx/site.conf for `site_dir`, listening on HOST:port only."""
    text = SERVER_BLOCK.read_text(encoding="utf-8")
    if SERVER_SITE_DIR not in text or "listen 80;" not in text:
        raise NginxFailed(f"{SERVER_BLOCK}: expected `root {SERVER_SITE_DIR};` and `listen 80;` in it")
    text = text.replace(SERVER_SITE_DIR, str(site_dir.resolve()))
    text = text.replace("listen [::]:80;", "").replace("listen 80;", f"listen {HOST}:{port};")
    return text


def main_config(site_dir: Path, port: int, run_dir: Path) -> str:
    """A whole nginx.conf around the server block: no daemon, every file nginx writes in run_dir."""
    user = "user root root;\n" if os.geteuid() == 0 else ""  # the workers run as the current user too
    temp = "\n".join(f"    {name}_temp_path {run_dir / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}daemon off;
worker_processes 1;
pid {run_dir / 'nginx.pid'};
error_log {run_dir / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run_dir / 'access.log'};
    sendfile on;
{temp}
{server_block(site_dir, port)}
}}
"""


@contextmanager
def serve_with_nginx(site_dir: Path) -> Iterator[str]:
    """nginx over `site_dir`; yields the base URL (http://127.0.0.1:<port>/), stops nginx at the end."""
    if not NGINX.exists():
        raise NginxMissing(f"{NGINX} not found: install Debian's nginx (`apt-get install nginx`, or run ./tasks.sh test, which does)")
    run_dir = Path(tempfile.mkdtemp(prefix="nginx-site-"))
    try:
        port = free_port()
        conf = run_dir / "nginx.conf"
        conf.write_text(main_config(site_dir, port, run_dir), encoding="utf-8")
        proc = subprocess.Popen([str(NGINX), "-p", str(run_dir), "-e", str(run_dir / "error.log"), "-c", str(conf)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_until_listening(proc, port, run_dir)
            yield f"http://{HOST}:{port}/"
        finally:
            proc.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def _wait_until_listening(proc: subprocess.Popen[bytes], port: int, run_dir: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = (run_dir / "error.log").read_text(errors="replace") if (run_dir / "error.log").exists() else ""
            stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise NginxFailed(f"nginx exited with status {proc.returncode}: {(stderr + log).strip()[-2000:]}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise NginxFailed(f"nginx did not listen on {HOST}:{port} within 15 s")
