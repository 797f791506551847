"""The share images' renderer on its own: a real drawing in the installed CJK font, cached by content."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from sitebuild import share_image


def test_image_is_drawn_once_then_taken_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = share_image.cached_image("会坐牢吗", "上门催收明白纸", tmp_path)
    with Image.open(first) as picture:
        assert (picture.format, picture.size) == ("PNG", (share_image.WIDTH, share_image.HEIGHT))
        assert len(picture.convert("RGB").getcolors(maxcolors=256) or []) > 2  # text was drawn on the background

    def no_drawing(title: str, site_name: str) -> bytes:
        raise AssertionError("drawn again although cached")

    monkeypatch.setattr(share_image, "render", no_drawing)
    assert share_image.cached_image("会坐牢吗", "上门催收明白纸", tmp_path) == first
    with pytest.raises(AssertionError):
        share_image.cached_image("被起诉", "上门催收明白纸", tmp_path)  # another title is another image


def test_long_title_wraps_within_the_margins_and_latin_words_stay_whole() -> None:
    font, lines = share_image.title_lines("协商还款与个性化分期：App 里的 12378 和 12363 怎样用，一步一步说清楚" * 2)
    assert 1 < len(lines) <= share_image.MAX_LINES
    assert all(font.getlength(line) <= share_image.WIDTH - 2 * share_image.MARGIN for line in lines)
    for before, after in zip(lines, lines[1:]):  # no number or word cut in two at a line break
        assert not (before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum())
    assert lines[-1].endswith("…")


def test_different_titles_give_different_pictures() -> None:
    one = Image.open(io.BytesIO(share_image.render("征信", "上门催收明白纸")))
    two = Image.open(io.BytesIO(share_image.render("失信和限高", "上门催收明白纸")))
    assert one.tobytes() != two.tobytes()
