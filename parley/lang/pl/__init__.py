"""Polish language pack: data in the YAML files beside this module. Polish declines names
("z Ławrowem", "w Moskwie", "do Pekinu"): a word's matching form is its lowercase without a case
ending, so that the declined forms of a name and the knowledge base's nominative meet
("Moskwie", "Moskwy", "Moskwa" -> "moskw"; "Ławrowem" -> "ławrow"), and the analyzer matches
knowledge-base names on these forms too. A light stemmer rather than a lemmatizer (simplemma's
Polish dictionary is the size of the others')."""
import re

CODE = "pl"
SPACED = True
lemma_gazetteer = True     # the analyzer also matches knowledge-base names on normalized forms
lemma_script = re.compile(r"[A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż]")   # ... of every name in Latin letters

_ENDINGS = ("owie", "ami", "ach", "owi", "iem", "ego", "emu", "ych", "ich", "ymi", "imi", "em", "om", "ów", "ie", "ej", "ym", "im",
            "ę", "ą", "a", "u", "y", "i", "e", "o")


def normalize(word: str) -> str:
    w = word.lower().replace("’", "'")
    if not w.isalpha():
        return w
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w
