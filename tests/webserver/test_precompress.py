"""The web build's .gz copies and headers file (sitebuild.webserver), on the built site."""

from __future__ import annotations

import gzip
from pathlib import Path

from sitebuild import webserver


def test_every_text_file_has_its_gzip_copy(site_dir: Path) -> None:
    texts = [p for p in site_dir.rglob("*") if p.suffix in webserver.COMPRESSED_SUFFIXES and p.is_file()]
    assert len(texts) > 50
    missing = [p.relative_to(site_dir).as_posix() for p in texts if not p.with_name(p.name + ".gz").is_file()]
    assert missing == []
    for file in texts:
        packed = file.with_name(file.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == file.read_bytes(), file
        assert packed[4:8] == b"\0\0\0\0", f"{file}: the gzip header carries a time"


def test_no_gzip_copy_of_binaries(site_dir: Path) -> None:
    assert not list(site_dir.rglob("*.pdf.gz")) and not list(site_dir.rglob("*.png.gz"))


def test_compression_is_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>你好</p>" * 100, encoding="utf-8")
    first = webserver.precompress(tmp_path)[0].read_bytes()
    assert webserver.precompress(tmp_path)[0].read_bytes() == first
    assert gzip.decompress(first) == (tmp_path / "a.html").read_bytes()


def test_header_policy_joins_the_pages_script_hashes(tmp_path: Path) -> None:
    for name, digest in (("index.html", "'sha256-AAAA'"), ("door/index.html", "'sha256-BBBB'")):
        page = tmp_path / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src '
                        f"&#x27;self&#x27;; script-src &#x27;self&#x27; {digest.replace(chr(39), '&#x27;')}\"></head>",
                        encoding="utf-8")
    policy = webserver.header_policy(tmp_path)
    assert "script-src 'self' 'sha256-AAAA' 'sha256-BBBB';" in policy
    assert policy.endswith("frame-ancestors 'none'")
