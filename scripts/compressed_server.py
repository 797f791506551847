"""Serve a built site as a production web server would: text files gzip-compressed (http.server never does).

Used by the first-paint benchmark and the load-structure browser test, so what they see matches a real
deployment (nginx or a CDN with gzip on), not the uncompressed bytes of Python's http.server.
"""

from __future__ import annotations

import functools
import gzip
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from browser_harness import serve_directory

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml"}


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files; a text file is sent gzip-compressed (level 6) when the client accepts gzip."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with a slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.lru_cache(maxsize=512)
def _compressed(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


def serve_compressed(root: Path) -> AbstractContextManager[str]:
    """Serve `root` gzip-compressed on 127.0.0.1 on a free port; yields the base URL ending in /."""
    return serve_directory(root, _GzipHandler)
