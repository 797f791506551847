"""Function words the site's search leaves out of a query (data/search_function_words.txt), and the words it
adds to a query for a reader's word the index lacks (data/search_synonyms.yaml: 村委会 → 村里, 通知全村).

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
SYNONYMS_FILE = Path("data") / "search_synonyms.yaml"
EXTRA_KEY = "search_function_words"
SYNONYMS_KEY = "search_synonyms"
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


def load_synonyms(path: Path) -> dict[str, list[str]]:
    """The synonym list: a mapping from a reader's word to a list of the index's words, each checked."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SearchWordsError(f"{path}: cannot read the search's synonyms ({err.strerror}).") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SearchWordsError(f"{path}{line}: not valid YAML; write one `word: [word, …]` a line.") from None
    if not isinstance(data, dict):
        raise SearchWordsError(f"{path}: write a mapping, one `reader's word: [index word, …]` a line, e.g. 验证: [核实].")
    synonyms: dict[str, list[str]] = {}
    for key, values in data.items():
        if not isinstance(key, str) or not CHINESE_WORD.fullmatch(key):
            raise SearchWordsError(f"{path}: {key!r} is not one word of Chinese characters.")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and CHINESE_WORD.fullmatch(v) for v in values):
            raise SearchWordsError(f"{path}: {key}: give a list of Chinese words, e.g. {key}: [核实].")
        synonyms[key] = list(dict.fromkeys(values))
    return synonyms


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
    config.extra[SYNONYMS_KEY] = load_synonyms(root / SYNONYMS_FILE)
