"""Indonesian language pack: data in the YAML files beside this module. Indonesian does not inflect
for number or case; a word's matching form is its lowercase, a plural by reduplication
("pertemuan-pertemuan") its single form."""
CODE = "id"
SPACED = True


def normalize(word: str) -> str:
    w = word.lower().replace("’", "'")
    if "-" in w:
        a, _, b = w.partition("-")
        if a == b:
            return a
    return w
