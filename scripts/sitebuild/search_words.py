"""Function words the site's search leaves out of a query: data/search_function_words.txt.

The list is data, one word a line (`#` starts a comment). The build reads and checks it and puts it in
`config.extra.search_function_words`; overrides/main.html hands it to docs/javascripts/search-query.js as
the script's `data-function-words`, so the words reach the reader's browser with the page and need no
request of their own (also from file://, in the offline edition).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

FUNCTION_WORDS_FILE = Path("data") / "search_function_words.txt"
EXTRA_KEY = "search_function_words"
# Chinese characters only: what the script compares them with are words cut from runs of Chinese.
CHINESE_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


class SearchWordsError(Exception):
    """The list cannot be used; the message names the file, the line and what to fix."""


def load_function_words(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
        raise SearchWordsError(f"{path}: cannot read the search's function words ({reason}).") from None
    first_seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not CHINESE_WORD.fullmatch(word):
            raise SearchWordsError(
                f"{path}:{number}: {word!r} is not one word of Chinese characters; "
                "write one word a line, without punctuation (a comment line starts with #)."
            )
        if word in first_seen:
            raise SearchWordsError(f"{path}:{number}: {word} is already listed on line {first_seen[word]}; keep one.")
        first_seen[word] = number
    if not first_seen:
        raise SearchWordsError(f"{path}: lists no word; one word a line, e.g. 的.")
    return list(first_seen)


def has_search(config: Any) -> bool:
    """The site is built with a search plugin (Material's is `material/search`)."""
    return any(str(name).rsplit("/", 1)[-1] == "search" for name in getattr(config, "plugins", None) or {})


def add_to_config(config: Any) -> None:
    """Put the checked list into config.extra for the page template (nothing for a site without search);
    raises SearchWordsError."""
    if not has_search(config):
        return
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    config.extra[EXTRA_KEY] = load_function_words(root / FUNCTION_WORDS_FILE)
