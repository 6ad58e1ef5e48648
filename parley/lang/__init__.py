"""Language packs: one folder per language with the same YAML files, loaded and checked here.

Month and weekday names come from Babel (CLDR); the files hold only what no library holds.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
import importlib
import inspect
import re
from typing import Any, Callable

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when the wheel has it: several times faster
from babel import Locale

from ..errors import KnowledgeBaseError

LANG_DIR = Path(__file__).parent
FILES = ("triggers", "quotes", "status", "numbers", "titles", "boilerplate", "dates", "clauses")

# What a pack's module may provide besides its YAML files, each checked when the pack is loaded:
# name -> (the positional parameters it takes, what it does). Every other stage reads the YAML.
HOOKS: dict[str, tuple[int, str]] = {
    "normalize": (1, "(word) -> the word's matching form (its lemma, its singular); default: lowercased"),
    "romanize": (1, "(name) -> a discovered name written in another script, in Latin letters"),
    "find_dates": (1, "(text) -> [DateMatch]: absolute dates, instead of the month-name patterns of parley.dates"),
    "find_times": (3, "(text, start, end) -> [Mention]: time expressions, instead of annotate/timex.py"),
    "find_rounds": (3, "(text, start, end) -> [Mention]: round numbers, instead of annotate/rounds.py"),
    "find_people": (5, "(text, start, end, known, entities) -> [Mention]: people, instead of annotate/people.py"),
    "setup": (1, "(pack): called once when the pack is loaded, with the pack (a module that reads its own YAML)"),
}
FLAGS = {
    "SPACED": "False for a script without spaces between words (patterns then have no word boundaries)",
    "lemma_gazetteer": "True: knowledge-base names are also matched on the words' lemmas",
    "NOUNS_CAPITALIZED": "True where every noun is capitalized (German): a capitalized word beside a name is no part of it",
}

REQUIRED = {
    "triggers": ("consult", "modality"),
    "quotes": ("verbs", "introduce", "trailing"),
    "status": ("planned", "cancelled", "present"),
    "numbers": ("ordinals", "round_nouns"),
    "titles": ("heads", "vocabulary"),
    "boilerplate": ("lines", "prefixes", "patterns"),
    "dates": ("relative_days", "part_of_month"),
    "clauses": ("split_before",),
}


@dataclass(frozen=True, eq=False)   # hashed by identity: packs are loaded once and cached
class LanguagePack:
    code: str
    data: dict[str, dict[str, Any]] = field(repr=False)
    months: dict[str, int] = field(repr=False)     # every CLDR month name and abbreviation, lowercase -> 1..12
    weekdays: dict[str, int] = field(repr=False)   # lowercase -> 0 (Monday) .. 6
    normalize: Callable[[str], str] = str.lower   # a word's matching form (lemma, singular)
    spaced: bool = True          # words separated by spaces (False for Chinese: no word boundaries)
    module: Any = None           # the pack's module
    lemma_gazetteer: bool = False   # knowledge-base names also matched on lemmas (FLAGS)
    nouns_capitalized: bool = False   # every noun capitalized (FLAGS)
    hooks: dict[str, Any] = field(default_factory=dict, repr=False)   # every name of HOOKS -> the module's function or None

    def hook(self, name: str):
        """The module's function for a hook of HOOKS, or None where the pack has none."""
        try:
            return self.hooks[name]
        except KeyError:
            raise KeyError(f"no hook {name!r} is declared (the hooks: {', '.join(HOOKS)})") from None

    def pattern(self, words) -> str:
        return phrase_pattern(words, self.spaced)

    def __getitem__(self, name: str) -> dict[str, Any]:
        return self.data[name]


def available() -> list[str]:
    """The language packs there are: folders holding every pack file and a module."""
    return sorted(p.name for p in LANG_DIR.iterdir()
                  if p.is_dir() and (p / "__init__.py").exists() and all((p / f"{f}.yaml").exists() for f in FILES))


def _calendar_words(code: str) -> tuple[dict[str, int], dict[str, int]]:
    loc = Locale.parse(code)
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for n, name in loc.months[context][width].items():
                months.setdefault(name.lower().rstrip("."), n)
            for n, name in loc.days[context][width].items():
                weekdays.setdefault(name.lower().rstrip("."), n)
    if code == "en":  # common press abbreviations CLDR does not list
        months.update({"sept": 9, "sep": 9})
    return months, weekdays


class WordTable:
    """Words (or phrases) to values, where a key ending in `*` stands for every word beginning so."""

    def __init__(self, items):
        self.exact: dict[str, Any] = {}
        stems = []
        for key, value in items:
            key = str(key).lower()
            if key.endswith("*"):
                stems.append((key[:-1], value))
            else:
                self.exact[key] = value
        self.stems = sorted(stems, key=lambda s: -len(s[0]))
        self.prefixes = tuple(s for s, _ in self.stems)

    def get(self, word: str, default: Any = None) -> Any:
        word = word.lower()
        if word in self.exact:
            return self.exact[word]
        if self.prefixes and word.startswith(self.prefixes):
            for stem, value in self.stems:
                if word.startswith(stem):
                    return value
        return default

    def __contains__(self, word: str) -> bool:
        return self.get(word, _MISSING) is not _MISSING

    def __iter__(self):
        """The keys as written (stems with their `*`), for building patterns."""
        yield from self.exact
        yield from (stem + "*" for stem, _ in self.stems)


_MISSING = object()


def phrase_pattern(words, spaced: bool = True) -> str:
    """A regex alternation of phrases, longest first. A phrase ending in `*` matches any word that
    begins so ("заявил*" for заявил, заявила, заявили); word boundaries stand only where the phrase
    begins or ends with a letter of a spaced script."""
    groups: dict[tuple[bool, bool], dict[str, list[str]]] = {}
    for w in sorted({str(w).lower() for w in words if str(w).strip()}, key=len, reverse=True):
        star = w.endswith("*")
        core = w[:-1] if star else w
        body = re.escape(core).replace(r"\ ", r"\s+") + (r"\w*" if star else "")
        left = spaced and core[:1].isalnum()
        right = spaced and (star or core[-1:].isalnum())
        first = 2 if body.startswith("\\") else 1
        groups.setdefault((left, right), {}).setdefault(body[:first], []).append(body[first:])
    # Alternatives are grouped by their first character, and the left word boundary is checked
    # after it (`(?<![\w-].)`): the regex engine then skips ahead to the characters a phrase can
    # begin with and tries only the phrases beginning so (several times faster than trying
    # every phrase at every position). Within a group the order stays longest first.
    alts = []
    for (left, right), by_first in groups.items():
        inner = "|".join(first + (r"(?<![\w-].)" if left else "") + (rests[0] if len(rests) == 1 else f"(?:{'|'.join(rests)})")
                         for first, rests in by_first.items())
        alts.append(f"(?:{inner})" + (r"(?![\w-])" if right else ""))
    return "|".join(alts) if alts else r"(?!x)x"


def _word_lists(content: dict[str, Any], path: Path, name: str) -> None:
    """Every list in a pack file holds words (strings), but the trigger groups (mappings)."""
    for key, value in content.items():
        if name == "triggers" and key == "consult":
            continue
        items = value if isinstance(value, list) else [x for v in value.values() if isinstance(v, list) for x in v] \
            if isinstance(value, dict) else []
        bad = [x for x in items if not isinstance(x, (str, int))]
        if bad:
            raise KnowledgeBaseError(f"{path}: {key} must list words, found {bad[0]!r} (a colon in a word needs quotes)")


def _no_bare_booleans(value: Any, path: Path) -> None:
    """YAML reads a bare on/off/yes/no in a word list as a boolean: refuse it rather than lose the word."""
    if isinstance(value, dict):
        for v in value.values():
            _no_bare_booleans(v, path)
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, bool):
                raise KnowledgeBaseError(f"{path}: a word list holds {v!r}; quote words such as \"on\", \"no\", \"yes\"")
            _no_bare_booleans(v, path)


@functools.lru_cache(maxsize=None)
def load(code: str) -> LanguagePack:
    folder = LANG_DIR / code
    if not folder.is_dir():
        raise KnowledgeBaseError(f"no language pack for {code!r} (have: {', '.join(available())})")
    data: dict[str, dict[str, Any]] = {}
    for name in FILES:
        path = folder / f"{name}.yaml"
        try:
            content = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        except (OSError, yaml.YAMLError) as e:
            raise KnowledgeBaseError(f"{path}: {e}") from e
        if not isinstance(content, dict):
            raise KnowledgeBaseError(f"{path}: expected a mapping")
        _no_bare_booleans(content, path)
        _word_lists(content, path, name)
        missing = [k for k in REQUIRED[name] if k not in content]
        if missing:
            raise KnowledgeBaseError(f"{path}: missing {', '.join(missing)}")
        data[name] = content
    months, weekdays = _calendar_words(code)
    for form, n in (data["dates"].get("month_forms") or {}).items():
        months.setdefault(str(form).lower(), int(n))
    for form, n in (data["dates"].get("weekday_forms") or {}).items():
        weekdays.setdefault(str(form).lower(), int(n))
    module = importlib.import_module(f"{__name__}.{code}")
    hooks = _hooks(module, folder)
    normalize = functools.lru_cache(maxsize=200_000)(hooks["normalize"] or str.lower)
    pack = LanguagePack(code, data, months, weekdays, normalize, getattr(module, "SPACED", True), module,
                        getattr(module, "lemma_gazetteer", False), getattr(module, "NOUNS_CAPITALIZED", False), hooks)
    if hooks["setup"]:
        hooks["setup"](pack)
    return pack


def _hooks(module: Any, folder: Path) -> dict[str, Any]:
    """The module's hooks, checked against HOOKS: each callable with the declared parameters; a
    public function named like a hook (find_...) that HOOKS does not declare is refused (a typo
    would otherwise leave the pack silently without it); the flags of the right type."""
    hooks: dict[str, Any] = {}
    for name, (arity, what) in HOOKS.items():
        fn = getattr(module, name, None)
        if fn is not None:
            if not callable(fn):
                raise KnowledgeBaseError(f"{folder}: {name} must be a function {what}")
            try:
                inspect.signature(fn).bind(*range(arity))
            except TypeError:
                raise KnowledgeBaseError(f"{folder}: {name} must take {arity} argument(s): {what}") from None
            except ValueError:
                pass    # a builtin without a signature
        hooks[name] = fn
    for name, value in vars(module).items():
        if name.startswith("find_") and name not in HOOKS and callable(value) and getattr(value, "__module__", None) == module.__name__:
            raise KnowledgeBaseError(f"{folder}: {name} is no hook a pack may provide (they are: {', '.join(HOOKS)})")
    for name, what in FLAGS.items():
        if hasattr(module, name) and not isinstance(getattr(module, name), bool):
            raise KnowledgeBaseError(f"{folder}: {name} must be True or False ({what})")
    return hooks
