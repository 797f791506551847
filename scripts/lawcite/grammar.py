"""The citation language, read once from grammar.yaml (package data, shipped with the library).

    grammar = default_grammar()                     # lawcite/grammar.yaml, read and checked once
    grammar = grammar.with_overrides(data, path)    # a project's lawcite.yaml replacing some lists

Every word the library knows about citations is a field of `Grammar`: numerals, unit words,
separators, version pins, self-references, quotation verbs, title prefixes, foreign-law words and the
traditional spelling of each character these words (and the registered law names) use. The regular
expressions are compiled from it in lawcite.patterns, once per registry.

A broken grammar or override is a RegistryError naming the file, the line and what to do.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import RegistryError
from .yamlfile import SAFE_LOADER, yaml_error_position, yaml_line

if TYPE_CHECKING:
    from .numerals import NumeralReader

GRAMMAR_PATH = Path(__file__).with_name("grammar.yaml")
LAW_NAMES_PATH = Path(__file__).with_name("law_names.yaml")

# Mappings whose keys are data (any key may be added); every other mapping is a record whose keys
# are fixed by the shipped grammar.yaml.
_TABLES = frozenset({"numerals.digits", "numerals.multipliers", "traditional", "traditional_variants"})


@dataclass(frozen=True)
class Pins:
    """Version pins written before a law's name (grammar.yaml `pins`)."""

    year_word: str
    year_verbs: tuple[str, ...]
    year_verb_suffix: tuple[str, ...]
    attributive: str
    previous: tuple[str, ...]
    current: tuple[str, ...]
    title_year_verbs: tuple[str, ...]
    title_year_nouns: tuple[str, ...]


@dataclass(frozen=True)
class Quotations:
    """How a quotation is attributed to a citation (grammar.yaml `quotations`)."""

    marks: tuple[tuple[str, str], ...]
    nesting_marks: tuple[tuple[str, str], ...]
    sentence_ends: tuple[str, ...]
    clause_ends: tuple[str, ...]
    commas: tuple[str, ...]
    colons: tuple[str, ...]
    max_lead: int
    term_max: int
    introducing: tuple[str, ...]
    later_introducing: tuple[str, ...]
    connectives: tuple[str, ...]
    blockquote_verbs: tuple[str, ...]
    elisions: tuple[str, ...]


@dataclass(frozen=True)
class BareLawNames:
    """An unregistered bare name ending in 法 before 第…条 (grammar.yaml `bare_law_names`)."""

    ends_with: str
    min_length: int
    short_laws: tuple[str, ...]
    not_endings: tuple[str, ...]
    lead_words: tuple[str, ...]
    function_characters: tuple[str, ...]
    not_starting: tuple[str, ...]
    max_length: int


@dataclass(frozen=True)
class UnbracketedTitles:
    """决定/规定/解释 titles written without 《》 (grammar.yaml `unbracketed_titles`)."""

    issuers: tuple[str, ...]
    issuer_joiners: tuple[str, ...]
    about: str
    kinds: tuple[str, ...]
    max_length: int


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: compiled patterns are cached per grammar
class Grammar:
    """The words of the citation language (see grammar.yaml for what each one is)."""

    digits: Mapping[str, int]
    multipliers: Mapping[str, int]
    fullwidth_digits: str
    max_arabic_digits: int
    max_chinese_length: int
    ordinal: str
    divisions: tuple[str, ...]
    article: str
    inserted_article: str
    paragraph: str
    item: str
    subitem: str
    number_open: tuple[str, ...]
    number_close: tuple[str, ...]
    spaces: tuple[str, ...]
    max_spaces: int
    list_separators: tuple[str, ...]
    range_separators: tuple[str, ...]
    title_open: str
    title_close: str
    inner_title_open: str
    inner_title_close: str
    title_prefixes: tuple[str, ...]
    self_references: tuple[str, ...]
    part_names: tuple[str, ...]
    short_title_words: tuple[str, ...]
    unbracketed_titles: UnbracketedTitles
    bare_law_names: BareLawNames
    foreign_law_prefixes: tuple[str, ...]
    pins: Pins
    quotations: Quotations
    traditional: Mapping[str, str]
    traditional_variants: Mapping[str, str]
    data: Mapping[str, Any]  # the checked YAML the fields were read from (for overrides)

    def __repr__(self) -> str:
        return f"Grammar({len(self.data)} entries)"

    # --- building -----------------------------------------------------------------------------

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Grammar:
        """A Grammar from the (already checked) mapping of grammar.yaml."""
        n, u, q, p = data["numerals"], data["units"], data["quotations"], data["pins"]
        t = data["unbracketed_titles"]
        return cls(
            digits=dict(n["digits"]), multipliers=dict(n["multipliers"]), fullwidth_digits=n["fullwidth_digits"],
            max_arabic_digits=n["max_arabic_digits"], max_chinese_length=n["max_chinese_length"],
            ordinal=u["ordinal"], divisions=tuple(u["divisions"]), article=u["article"], inserted_article=u["inserted_article"],
            paragraph=u["paragraph"], item=u["item"], subitem=u["subitem"],
            number_open=tuple(data["number_brackets"]["open"]), number_close=tuple(data["number_brackets"]["close"]),
            spaces=tuple(data["spaces"]), max_spaces=data["max_spaces"],
            list_separators=tuple(data["separators"]["list"]), range_separators=tuple(data["separators"]["range"]),
            title_open=data["title_marks"]["open"], title_close=data["title_marks"]["close"],
            inner_title_open=data["inner_title_marks"]["open"], inner_title_close=data["inner_title_marks"]["close"],
            title_prefixes=tuple(data["title_prefixes"]), self_references=tuple(data["self_references"]),
            part_names=tuple(data["part_names"]), short_title_words=tuple(data["short_title_words"]),
            unbracketed_titles=UnbracketedTitles(
                issuers=tuple(t["issuers"]), issuer_joiners=tuple(t["issuer_joiners"]), about=t["about"],
                kinds=tuple(t["kinds"]), max_length=t["max_length"]),
            bare_law_names=BareLawNames(**_fields(data["bare_law_names"])),
            foreign_law_prefixes=tuple(data["foreign_law_prefixes"]),
            pins=Pins(**_fields(p)),
            quotations=Quotations(**_fields(q)),
            traditional=dict(data["traditional"]),
            traditional_variants=dict(data["traditional_variants"]),
            data=data,
        )

    def with_overrides(self, overrides: Mapping[str, Any], path: Path | str) -> Grammar:
        """This grammar with some of its entries replaced (a project's lawcite.yaml); RegistryError
        with the file and line for a key the grammar does not have or a value of the wrong shape."""
        if not overrides:
            return self
        merged = _merge(dict(self.data), overrides, path, "")
        return Grammar.from_data(merged)

    # --- traditional spellings ------------------------------------------------------------------

    @functools.cached_property
    def _to_traditional(self) -> dict[int, str]:
        return str.maketrans(dict(self.traditional))

    @functools.cached_property
    def to_simplified_chars(self) -> dict[str, str]:
        """Every listed traditional character (variants included) -> its simplified form."""
        return {**{t: s for s, t in self.traditional.items()}, **self.traditional_variants}

    @functools.cached_property
    def _to_simplified(self) -> dict[int, str]:
        return str.maketrans(self.to_simplified_chars)

    def traditional_spelling(self, word: str) -> str:
        """民事诉讼法 -> 民事訴訟法 (each listed character replaced by its traditional form)."""
        return word.translate(self._to_traditional)

    def simplified(self, text: str) -> str:
        """The text with every listed traditional character replaced by its simplified form
        (same length: offsets are kept)."""
        return text.translate(self._to_simplified)

    def spellings(self, words: Iterable[str]) -> tuple[str, ...]:
        """Every word in its simplified and its traditional spelling, longest first (so a regex
        alternation or a prefix test tries 以及 before 及)."""
        out = {w for word in words for w in (word, self.traditional_spelling(word))}
        return tuple(sorted(out, key=lambda w: (-len(w), w)))

    def character_spellings(self, ch: str) -> tuple[str, ...]:
        """A simplified character and every traditional form read as it (干: 干 幹 乾)."""
        return (ch, *sorted(t for t, s in self.to_simplified_chars.items() if s == ch))

    def normalise_name(self, name: str) -> str:
        """A law name as the registry keys it: no whitespace, no outer title marks (《》 or 〈〉)."""
        marks = self.title_open + self.title_close + self.inner_title_open + self.inner_title_close
        return "".join(name.split()).strip(marks)

    # --- numbers and units ------------------------------------------------------------------------

    @functools.cached_property
    def numerals(self) -> NumeralReader:
        """Reads numerals with this grammar's digits (lawcite.numerals)."""
        from .numerals import NumeralReader

        return NumeralReader(self)

    @functools.cached_property
    def numeral_chars(self) -> str:
        """Every character a Chinese numeral may be made of, in both spellings (〇零一二两兩三 … 千)."""
        return "".join(sorted(set("".join(self.spellings([*self.digits, *self.multipliers])))))

    @functools.cached_property
    def unit_levels(self) -> dict[str, int]:
        """Unit word (both spellings) -> level, from the largest division down to 目: the order in
        which a chain of units written without a gap goes down one provision."""
        order = [*self.divisions, self.article, self.paragraph, self.item, self.subitem]
        return {w: i for i, word in enumerate(order) for w in self.spellings([word])}

    @property
    def article_level(self) -> int:
        return len(self.divisions)


def _fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """A YAML mapping as keyword arguments of a record: lists as tuples (pairs too)."""
    return {k: _frozen(v) for k, v in data.items()}


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


# --- reading grammar.yaml ------------------------------------------------------------------------

def load_grammar_file(path: Path) -> dict[str, Any]:
    """The checked mapping of a grammar file (lawcite.yamlcache calls this; the result is cached)."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        line, problem = yaml_error_position(e)
        raise RegistryError(path, line, f"YAML syntax error: {problem}; fix the YAML") from None
    if not isinstance(data, dict):
        raise RegistryError(path, 1, "the grammar is a YAML mapping (numerals:, units:, separators: …)")
    duplicate = _duplicate_key_line(text)
    if duplicate is not None:
        raise RegistryError(path, duplicate[0], f"{duplicate[1]!r} is given twice: keep one")
    _check_words(data, path, text)
    return data


def _duplicate_key_line(text: str) -> tuple[int, str] | None:
    """(line, key) of the first key repeated in one mapping (PyYAML keeps the last one silently)."""
    node = yaml.compose(text, Loader=SAFE_LOADER)
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in n.value:
                if k.value in seen:
                    return k.start_mark.line + 1, k.value
                seen.add(k.value)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return None


def _check_words(data: Any, path: Path, text: str, keys: tuple[Any, ...] = ()) -> None:
    """Every word is a non-empty string: an empty one would match everywhere."""
    if isinstance(data, dict):
        for k, v in data.items():
            _check_words(v, path, text, (*keys, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _check_words(v, path, text, (*keys, i))
    elif isinstance(data, str) and not data:
        raise RegistryError(path, yaml_line(text, list(keys)), f"{'.'.join(map(str, keys))} is empty: give a word")


def _merge(base: dict[str, Any], override: Mapping[str, Any], path: Path | str, where: str) -> dict[str, Any]:
    for key, value in override.items():
        dotted = f"{where}.{key}" if where else str(key)
        if key not in base:
            raise _override_error(path, dotted, f"lawcite.yaml: {dotted!r} is not a grammar entry; the entries are "
                                                f"{', '.join(map(str, base))}")
        like = base[key]
        if isinstance(like, dict) and dotted not in _TABLES:
            if not isinstance(value, dict):
                raise _override_error(path, dotted, f"{dotted} must be a mapping like the one in lawcite/grammar.yaml")
            base[key] = _merge(dict(like), value, path, dotted)
            continue
        _check_shape(value, like, path, dotted)
        base[key] = value
    return base


def _check_shape(value: Any, like: Any, path: Path | str, dotted: str) -> None:
    if isinstance(like, list):
        ok = isinstance(value, list) and all(
            isinstance(v, str) and v.strip() if like and isinstance(like[0], str) else isinstance(v, type(like[0]))
            for v in value)
        want = "a list of non-empty words, e.g. [德国, 日本]"
    elif isinstance(like, dict):
        ok = isinstance(value, dict) and all(isinstance(k, str) and k for k in value)
        want = "a mapping like the one in lawcite/grammar.yaml"
    else:
        ok = isinstance(value, type(like)) and not isinstance(value, bool) and (not isinstance(value, str) or value != "")
        want = f"a {type(like).__name__}"
    if not ok:
        raise _override_error(path, dotted, f"{dotted} must be {want}")


def _override_error(path: Path | str, dotted: str, message: str) -> RegistryError:
    try:
        line = yaml_line(Path(path).read_text(encoding="utf-8"), dotted.split("."))
    except OSError:
        line = None
    return RegistryError(path, line, message)


@functools.cache
def default_grammar() -> Grammar:
    """The shipped grammar (lawcite/grammar.yaml), read once per process (parsed data cached on disk)."""
    from .yamlcache import load_all

    data = load_all([GRAMMAR_PATH], lambda f, _raw: load_grammar_file(f))[GRAMMAR_PATH]
    return Grammar.from_data(data)


@functools.cache
def known_law_names() -> tuple[str, ...]:
    """The short names of the national laws (lawcite/law_names.yaml), read once: a bare one before
    第…条 is a citation of that law even when the registry lacks it."""
    from .yamlcache import load_all

    return tuple(load_all([LAW_NAMES_PATH], lambda f, _raw: _load_law_names(f))[LAW_NAMES_PATH])


def _load_law_names(path: Path) -> list[str]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    names = data.get("known_law_names") if isinstance(data, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise RegistryError(path, 1, "known_law_names must be a list of law names, e.g. [劳动合同法, 刑事诉讼法]")
    return [n.strip() for n in names]
