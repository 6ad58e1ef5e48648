"""The phrase patterns and word tables every stage reads, compiled once per language pack."""
from __future__ import annotations

import functools
import re
from typing import Any

from .. import rx
from ..lang import LanguagePack, WordTable


@functools.lru_cache(maxsize=None)
def cues(pack: LanguagePack) -> dict[str, Any]:
    """A pack's phrase lists compiled once: the patterns and word tables the stages read."""
    tr = pack["triggers"]
    verbs = WordTable((w, item) for item in tr["consult"].get("verbs", []) for w in item["words"])
    nouns = WordTable((w, item) for item in tr["consult"].get("nouns", []) for w in item["words"])
    def phrase_rx(words):
        return rx.compile(pack.pattern(words), re.IGNORECASE) if words else None
    st = pack["status"]
    cl = pack["clauses"]
    all_words = [str(w).lower() for group in ("verbs", "nouns") for item in tr["consult"].get(group, []) for w in item["words"]]
    first_words = frozenset(w.split()[0].split("-")[0] for w in all_words if not w.split()[0].endswith("*"))
    first_stems = tuple(w.split()[0][:-1] for w in all_words if w.split()[0].endswith("*"))
    return {
        "verbs": verbs, "nouns": nouns, "trigger_first": first_words, "trigger_stems": first_stems,
        "trigger_rx": phrase_rx(all_words),
        "weak": WordTable((w, True) for w in tr.get("weak_nouns", [])),
        "modality": {k: phrase_rx(v) for k, v in tr["modality"].items()},
        "any_modality": phrase_rx([w for k in ("video", "phone", "in_person") for w in tr["modality"].get(k) or []]),
        "planned": phrase_rx(st["planned"]), "cancelled": phrase_rx(st["cancelled"]),
        "planned_adjectives": frozenset(str(w).lower() for w in st.get("planned_adjectives", [])), "past": phrase_rx(st.get("past", [])),
        "present": phrase_rx(st["present"]),
        "present_purpose": re.compile(r"[^,.;]{0,60}?\b(?:" + "|".join(map(re.escape, st["present_purpose"])) + r")\s+\w+")
        if st.get("present_purpose") else None,
        "hypothetical": phrase_rx(st.get("hypothetical", [])),
        "generic": phrase_rx(st.get("generic", [])),
        "split": phrase_rx([w.strip() for w in cl["split_before"] if w.strip()] ),
        # "the previous consultation", "since the last round": a reference to another meeting
        "previous": rx.compile("(?:" + pack.pattern(cl.get("previous", [])) + r")\s*(?:[\w'’-]+\s+){0,2}?(?:"
                               + pack.pattern(nouns) + ")", re.IGNORECASE) if cl.get("previous") else None,
        "discussion": phrase_rx(tr.get("discussion", [])),
        "sidelines": phrase_rx(cl.get("sidelines", [])),
        "during": phrase_rx(cl.get("during", [])),
        "not_meeting": WordTable((k, frozenset(str(w).lower() for w in v)) for k, v in (tr.get("not_meeting_objects") or {}).items()),
        "coordination": rx.compile("(?:" + pack.pattern(cl.get("coordination", [])) + r")\s*(?:\w+\s+){0,2}(?:\d{1,2}\.\s+\w+\s+)?$", re.IGNORECASE)
        if cl.get("coordination") and pack.spaced else None,
        "anaphora": phrase_rx(cl.get("plural_anaphora", [])),
        "singular": phrase_rx(cl.get("singular_anaphora", [])),
        "counterpart": phrase_rx(cl.get("counterpart", [])),
        "arrival": phrase_rx(cl.get("arrival", [])),
        "spaced": pack.spaced,
        "relative": phrase_rx(cl.get("relative", [])),
        "v2": phrase_rx(cl.get("finite_verbs", [])),
        "determiners": frozenset(w.lower() for w in cl.get("determiners", [])),
        "personal_before": rx.compile("(?:" + pack.pattern(pack["numbers"].get("personal_possessives", [])) + r")\s*$", re.IGNORECASE)
        if pack["numbers"].get("personal_possessives") else None,
        "personal_for": rx.compile(r"^[^,.;，。]{0,60}?(?:" + pack.pattern(pack["numbers"].get("personal_for", [])) + r")\s*$", re.IGNORECASE)
        if pack["numbers"].get("personal_for") else None,
        "not_location_after": frozenset(w.lower() for w in cl.get("not_location_after", [])),
        "founded": phrase_rx(st.get("founded", [])),
        "founding_before": rx.compile("(?:" + pack.pattern(st["founding_before"]) + r")\W+(?:[\w'’-]+\W+){0,4}$", re.IGNORECASE)
        if st.get("founding_before") else None,
        "locative": rx.compile("(?:" + pack.pattern(cl.get("locative", [])) + r")\s*" + _optional_words(cl.get("locative_articles")) + "$",
                               re.IGNORECASE) if cl.get("locative") else None,
        "locative_list": rx.compile("(?:" + pack.pattern(cl.get("locative", [])) + r")\s*[\w'’ -]{2,30}[,，、]\s*$", re.IGNORECASE) if cl.get("locative") else None,
        "destination": rx.compile("(?:" + pack.pattern(cl.get("destination", [])) + r")\s*$", re.IGNORECASE) if cl.get("destination") else None,
    }



def _optional_words(words) -> str:
    """A pattern for one of `words` and the space after it, or nothing."""
    return "(?:" + "|".join(re.escape(str(w)) for w in words) + r"\s+)?" if words else ""
