"""Language of a text, per paragraph, among every language lingua knows (75), whether Parley has a
pack for it or not.

The script decides first: Han characters with kana are Japanese, without them Chinese (simplified
and traditional alike); Hangul is Korean; Greek, Hebrew, Thai, Georgian, Armenian and the Indic
scripts but Devanagari have one language each. Within Latin, Cyrillic, Arabic and Devanagari
script, a paragraph full of one language's function words ("the", "of", "und", "della", "yang";
Russian's ы and э without Ukrainian's і, ї, є) is in that language; the others go to lingua,
restricted to the languages of that script. Lingua runs in its low-accuracy mode (trigrams), each
script's detector built the first time a text of that script is seen: every language's models cost
under 150 MB that way, against over a gigabyte for the full models of the Latin-script languages
alone. Short paragraphs (titles, datelines, captions) take the language of all the text of their
script in the document, which is identified once.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

import regex

LAT = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
# a letter of no Latin alphabet (Latin-1, Latin Extended A/B, IPA, Vietnamese's Latin Extended Additional)
NOT_LATIN = regex.compile(r"[^\P{L}\p{Latin}]")

# the scripts whose languages lingua tells apart; every other script names its language outright
GROUPS = ("latin", "cyrillic", "arabic", "devanagari")
# the script of each run of letters: (regex property, the script's name or its one language)
SCRIPTS = (("Han", "han"), ("Hiragana", "kana"), ("Katakana", "kana"), ("Hangul", "ko"), ("Latin", "latin"),
           ("Cyrillic", "cyrillic"), ("Arabic", "arabic"), ("Devanagari", "devanagari"), ("Greek", "el"),
           ("Hebrew", "he"), ("Thai", "th"), ("Bengali", "bn"), ("Gurmukhi", "pa"), ("Gujarati", "gu"),
           ("Tamil", "ta"), ("Telugu", "te"), ("Kannada", "kn"), ("Malayalam", "ml"), ("Georgian", "ka"),
           ("Armenian", "hy"), ("Sinhala", "si"), ("Myanmar", "my"), ("Khmer", "km"), ("Lao", "lo"),
           ("Ethiopic", "am"))
RUNS = regex.compile("|".join(f"(\\p{{{name}}}+)" for name, _ in SCRIPTS))
RUN_SCRIPT = tuple(s for _, s in SCRIPTS)

# Function words of Latin-script languages that have no pack (the packs bring their own, in
# clauses.yaml): words common in any prose of the language and rare in the others', so that an
# Italian or Portuguese paragraph is not taken for Spanish on the few words they share, and a
# clear paragraph of them is decided without lingua.
OTHER_FUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    "it": ("il", "di", "che", "della", "delle", "dello", "degli", "dei", "nel", "nella", "negli", "alla", "alle", "agli",
           "sono", "è", "anche", "gli", "hanno", "questo", "questa", "più", "non", "dal", "dalla", "sul", "sulla", "ed",
           "tra", "dopo", "stato", "stata", "essere", "perché", "loro"),
    "pt": ("o", "os", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "um", "ao", "à", "não", "é", "são",
           "foi", "pelo", "pela", "também", "com", "mais", "seu", "sua", "após", "disse", "ser", "está", "isso", "ainda"),
    "pl": ("i", "w", "z", "się", "że", "nie", "jest", "od", "przez", "dla", "oraz", "jak", "także", "który", "która",
           "które", "został", "została", "podczas", "przy", "po", "ze", "we", "tym", "jego", "ich", "już", "czy"),
    "tr": ("ve", "bir", "bu", "ile", "için", "olarak", "olan", "gibi", "daha", "çok", "ise", "ama", "sonra", "kadar",
           "ayrıca", "iki", "ilk", "tarafından", "göre", "arasında", "değil", "şu", "her", "ki"),
    "id": ("yang", "dan", "di", "ke", "dari", "ini", "itu", "untuk", "dengan", "pada", "dalam", "tidak", "akan", "juga",
           "oleh", "adalah", "telah", "sebagai", "kedua", "bahwa", "antara", "tersebut", "kata", "sudah"),
    "vi": ("và", "của", "các", "là", "có", "được", "trong", "cho", "với", "những", "người", "này", "đã", "không",
           "một", "về", "tại", "khi", "từ", "sẽ", "hai", "nước", "đến", "theo", "cũng"),
    "nl": ("het", "een", "van", "op", "dat", "met", "voor", "zijn", "niet", "aan", "ook", "bij", "werd", "naar",
           "wordt", "door", "over", "heeft", "hij", "worden", "deze"),
    "sw": ("na", "ya", "wa", "kwa", "za", "katika", "ni", "kuwa", "hiyo", "hii", "pia", "alisema", "wake", "yake",
           "cha", "vya", "huo", "hayo", "baada"),
    "et": ("ja", "on", "ei", "ka", "oli", "see", "mis", "kui", "aga", "ning", "või", "nii", "kes", "veel", "pärast",
           "vahel", "oma", "mida", "seda", "olid"),
    "ro": ("și", "în", "cu", "pe", "că", "care", "din", "pentru", "este", "fost", "lui", "sau", "după", "sunt", "această"),
    "hr": ("je", "u", "se", "da", "su", "za", "koji", "koja", "koje", "sa", "kao", "što", "nije", "će", "bio", "bila",
           "nakon", "između", "te"),
}

# Cyrillic letters that settle a language: Ukrainian's і, ї, є, ґ against Russian's ы, э, ё
UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
RU_LETTERS = re.compile(r"[ыэёЫЭЁ]")
BE_LETTERS = re.compile(r"[ўЎ]")


@functools.lru_cache(maxsize=None)
def _detector(group: str):
    """Lingua's low-accuracy detector among the languages of one script, built once per process."""
    from lingua import Language, LanguageDetectorBuilder
    langs = {"latin": Language.all_with_latin_script, "cyrillic": Language.all_with_cyrillic_script,
             "arabic": Language.all_with_arabic_script, "devanagari": Language.all_with_devanagari_script}[group]()
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


LINGUA_CHARS = 300   # what lingua reads of a text: trigrams settle the language well before (and it costs by the character)
PARAGRAPH_CHARS = 400   # what a paragraph's function words are counted on
FUNCTION_CHARS = 1000   # what the function words are counted on
SHORT_TEXT = 160   # a Latin text shorter than this is a short text for lingua (see _short_latin): only a
                   # document's whole Latin text can be (a paragraph this short takes the document's language)
SURE = 0.8
SHORT = 160   # a paragraph shorter than this is read in the language of the text of its script around it


def script(text: str) -> str | None:
    """The script of a text, or the language its script names (judged on the first 400
    characters: a paragraph does not change script half-way): "latin", "cyrillic", "arabic",
    "devanagari", or a language ("zh", "ja", "ko", "el", "he", "th", ...); None for no letters.
    Han with kana is Japanese; a script counts where it holds half the letters (Han and Hangul:
    three tenths, as a Chinese or Korean text quotes Latin names)."""
    text = text[:400]
    if text.isascii() or not NOT_LATIN.search(text):
        return "latin" if LAT.search(text) else None
    counts: dict[str, int] = {}
    for m in RUNS.finditer(text):
        s = RUN_SCRIPT[m.lastindex - 1]
        counts[s] = counts.get(s, 0) + m.end() - m.start()
    total = sum(counts.values())
    if not total:
        return None
    han, kana = counts.get("han", 0), counts.get("kana", 0)
    if kana >= 3 and kana >= 0.05 * (han + kana) and han + kana >= 0.3 * total:
        return "ja"
    if counts.get("ko", 0) >= 0.3 * total:
        return "ko"
    if han >= 0.3 * total:
        return "zh"
    best = max(counts, key=counts.__getitem__)
    if best in ("han", "kana"):
        return "ja" if kana else "zh"
    return best if counts[best] >= 0.5 * total else None


def script_language(text: str) -> str | None:
    """A language where the script alone decides it ("zh", "ja", "ko", "el", ...), else the script
    ("latin", "cyrillic", "arabic", "devanagari"), None for no letters."""
    return script(text)


WORD = re.compile(r"\w+")


def _count(item: tuple[str, int]) -> int:
    return item[1]


@functools.lru_cache(maxsize=1)
def _pack_function_words() -> dict[str, tuple[str, ...]]:
    """Every pack's function words (clauses.yaml), whether the caller loaded the pack or not: a
    German paragraph in an English-only run is still told by its words."""
    import yaml
    from .lang import LANG_DIR, LOADER, available
    out = {}
    for code in available():     # only the clauses file is read: loading every pack costs tens of MB
        clauses = yaml.load((LANG_DIR / code / "clauses.yaml").read_text(encoding="utf-8"), Loader=LOADER) or {}
        ws = clauses.get("function_words")
        if ws:
            out[code] = tuple(str(w) for w in ws)
    return out


class FunctionWords:
    """The commonest words of each Latin-script pack (those given, then every other pack's), and
    of the Latin-script languages without one (OTHER_FUNCTION_WORDS). A paragraph is in a language when at least `least` of its words
    are that language's and at least `margin` times as many as any other language's; otherwise
    it is not clear, and lingua decides."""

    def __init__(self, words: dict[str, Iterable[str]], least: int = 5, margin: float = 3.0):
        self.index: dict[str, tuple[str, ...]] = {}
        words = dict(words)
        for code, ws in _pack_function_words().items():     # the packs not loaded by the caller count too
            words.setdefault(code, ws)
        for code, ws in OTHER_FUNCTION_WORDS.items():
            words.setdefault(code, ws)
        for code, ws in words.items():
            for w in ws:
                w = str(w).lower()
                if code not in self.index.get(w, ()):
                    self.index[w] = self.index.get(w, ()) + (code,)
        self.least, self.margin = least, margin

    def decide(self, text: str, least: int | None = None) -> str | None:
        """The language, or None where it is not clear (`least`: instead of the instance's)."""
        counts: dict[str, int] = {}
        index = self.index
        for w in WORD.findall(text[:FUNCTION_CHARS].lower()):
            for code in index.get(w, ()):
                counts[code] = counts.get(code, 0) + 1
        # the two commonest, the first counted first among equals (as Counter.most_common gives them)
        ranked = sorted(counts.items(), key=_count, reverse=True)[:2] + [("", 0), ("", 0)]
        (best, n), (_, other) = ranked[0], ranked[1]
        return best if n >= (least or self.least) and n >= self.margin * other else None


@functools.lru_cache(maxsize=4)
def _default_words() -> FunctionWords:
    return FunctionWords({})


def _lingua(text: str, group: str) -> str | None:
    lang = _detector(group).detect_language_of(text[:LINGUA_CHARS])
    return lang.iso_code_639_1.name.lower() if lang is not None else None


@functools.lru_cache(maxsize=4)
def _precise(codes: tuple[str, ...]):
    """Lingua's full models (trigrams to fivegrams) for a few languages, for short texts."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    return LanguageDetectorBuilder.from_iso_codes_639_1(*(getattr(IsoCode639_1, c.upper()) for c in codes)).build()


NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]*")
# Latin-script languages with a pack whose full models read short texts (about 30 MB each, so not
# every Latin-script pack's: the others' short texts go by their trigrams)
PRECISE = ("en", "de", "fr", "es", "it", "pt")


@functools.lru_cache(maxsize=1)
def _latin_packs() -> tuple[str, ...]:
    from .lang import available
    have = set(available())
    return tuple(c for c in PRECISE if c in have)


def _sure(text: str) -> str | None:
    ranked = _detector("latin").compute_language_confidence_values(text)
    return ranked[0].language.iso_code_639_1.name.lower() if ranked and ranked[0].value >= SURE else None


def _short_latin(text: str, latin: tuple[str, ...]) -> str | None:
    """A short Latin-script text (a title, one sentence, a whole document that short), where
    trigrams alone are unreliable ("On March 2, 2021, Wang Yi and Sergei Lavrov held talks" reads
    as German, names and all): lingua's trigrams where they are sure (confidence 0.8) of the text
    without its capitalized words (names, mostly); else of the whole text, if what they name has
    no full models here (with the names they can be sure and wrong among close languages: 'Wang Yi
    se reunió el martes en Moscú' read as Portuguese at 0.99); else lingua's full models among
    the languages of PRECISE that have a pack (and `latin`)."""
    found = _sure(NAME.sub(" ", text))
    if found:
        return found
    codes = tuple(dict.fromkeys((*latin, *_latin_packs())))
    found = _sure(text)
    if found and found not in codes:
        return found
    if len(codes) < 2:
        return found or (codes[0] if codes else None)
    lang = _precise(codes).detect_language_of(text)
    return lang.iso_code_639_1.name.lower() if lang is not None else codes[0]


def group_language(text: str, group: str, words: FunctionWords | None = None, latin: tuple[str, ...] = ()) -> str | None:
    """The language of a text in one of the scripts lingua tells languages apart in (`latin`:
    the Latin-script languages to choose among where a short text leaves lingua unsure)."""
    if group == "latin":
        words = words or _default_words()
        clear = words.decide(text)
        if clear:
            return clear
        if len(text) < SHORT_TEXT:
            return _short_latin(text, latin)
    elif group == "cyrillic":
        head = text[:LINGUA_CHARS]
        if not UK_LETTERS.search(head) and not BE_LETTERS.search(head) and RU_LETTERS.search(head):
            return "ru"
        if UK_LETTERS.search(head) and not RU_LETTERS.search(head) and not BE_LETTERS.search(head):
            return "uk"
    return _lingua(text, group)


def latin_language(text: str, latin: tuple[str, ...] = ("en",), fast: bool = False, words: FunctionWords | None = None) -> str:
    """The language of a Latin-script text, among every Latin-script language; `latin[0]` where
    nothing can be told (no words to go by). `fast` is kept for callers: there is one mode."""
    return group_language(text, "latin", words, latin) or (latin[0] if latin else "en")


def paragraph_language(text: str, latin: tuple[str, ...] = ("en",), words: FunctionWords | None = None) -> str | None:
    s = script(text)
    if s == "latin":
        return latin_language(text, latin, words=words)
    return group_language(text, s, words, latin) if s in GROUPS else s


def detect(text: str, latin: tuple[str, ...] = ("en", "de", "fr", "es"), words: FunctionWords | None = None
           ) -> tuple[str | None, list[str], list[tuple[int, int, str]]]:
    """(main language, languages present, per-paragraph (start, end, language)). Long paragraphs
    are identified one by one; short ones (titles, captions, datelines) take the language of all
    the text of their script in the document, which is identified once. `latin`: the fallback
    for Latin text with nothing to go by is its first; `words`: the function words to use."""
    paras: list[tuple[int, int, str | None]] = []
    pos = 0
    by_group: dict[str, list[str]] = {}
    for para in text.split("\n"):
        start, end = pos, pos + len(para)
        pos = end + 1
        if len(para.strip()) < 3:
            continue
        s = script(para)
        paras.append((start, end, s))
        if s in GROUPS:
            by_group.setdefault(s, []).append(para)
    fallback = latin[0] if latin else "en"
    doc_lang = {}
    for group, texts in by_group.items():
        joined = " ".join(texts)[:2000]
        if group == "latin" and len(joined) < SHORT_TEXT and len(paras) > len(texts):
            # a few Latin words in a document of another script (an agency's name, a reference line):
            # its trigrams if they are sure, else the first Latin-script language, without the full models
            doc_lang[group] = (words or _default_words()).decide(joined) or _sure(NAME.sub(" ", joined)) or fallback
            continue
        doc_lang[group] = group_language(joined, group, words, latin) or (fallback if group == "latin" else None)
    parts: list[tuple[int, int, str]] = []
    weight: dict[str, int] = {}
    fw = words or _default_words()
    for start, end, s in paras:
        if s in GROUPS:
            lang = None
            if end - start >= SHORT:
                para = text[start:end]
                if s == "latin":
                    # the first 400 characters tell (sixty words or so); a paragraph whose few function
                    # words are all the document's language's is in it (lists, captions full of names)
                    head = para[:PARAGRAPH_CHARS]
                    lang = fw.decide(head)
                    if lang is None and doc_lang[s] and fw.decide(head, least=2) == doc_lang[s]:
                        lang = doc_lang[s]
                lang = lang or group_language(para, s, words, latin)
            lang = lang or doc_lang[s]
        else:
            lang = s
        if lang:
            parts.append((start, end, lang))
            weight[lang] = weight.get(lang, 0) + end - start
    if not weight:
        return None, [], parts
    ranked = sorted(weight, key=lambda k: (-weight[k], k))
    return ranked[0], ranked, parts
