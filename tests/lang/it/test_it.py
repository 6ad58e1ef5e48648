"""The Italian pack on sentences written for these tests: a meeting, a call, a numbered round, a
planned visit, a quote, and a text with no meeting."""
from parley.lang import load


def _events(analyze, text, published="2024-05-08"):
    r = analyze(text, published)
    assert r.document.language == "it"
    return r


def test_a_meeting_in_a_city(analyze):
    r = _events(analyze, "Il ministro degli Esteri cinese Wang Yi ha incontrato ieri a Mosca il suo omologo russo Sergej Lavrov. "
                         "I due hanno discusso della situazione internazionale.")
    (ev,) = r.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2024-05-07", "end": "2024-05-07"}
    assert ev.location == {"city": "Moscow", "country": "RU"} and ev.status == "occurred"


def test_a_phone_call(analyze):
    r = _events(analyze, "Il presidente cinese Xi Jinping ha avuto oggi una telefonata con il presidente russo Vladimir Putin, "
                         "secondo quanto riferito dalla televisione di Stato.")
    (ev,) = r.events
    assert ev.modality == "phone" and ev.date == {"start": "2024-05-08", "end": "2024-05-08"}
    assert {p.id for p in ev.participants} == {"xi-jinping", "vladimir-putin"}


def test_a_numbered_round_of_a_known_mechanism(analyze):
    r = _events(analyze, "Il segretario del Consiglio di sicurezza russo Sergej Shoigu e Wang Yi hanno copresieduto a Pechino "
                         "il diciannovesimo ciclo di consultazioni sulla sicurezza strategica tra Cina e Russia.")
    (ev,) = r.events
    assert ev.mechanism == "cn-ru-strategic-security-consultation" and ev.round == 19
    assert ev.location == {"city": "Beijing", "country": "CN"}


def _round(pack, text):
    from parley.annotate import rounds
    return [m.value for m in rounds.find(text, 0, len(text), pack, set())]


def test_digit_and_word_ordinals_make_rounds():
    pack = load("it")
    assert _round(pack, "il 18° ciclo") == [18] and _round(pack, "il diciottesimo ciclo") == [18]
    assert _round(pack, "la prima sessione") == [1] and _round(pack, "il 18esimo ciclo") == [18]


def test_a_planned_visit(analyze):
    r = _events(analyze, "Il presidente Xi Jinping si recherà in visita di Stato a Mosca la prossima settimana, su invito di "
                         "Vladimir Putin.")
    (ev,) = r.events
    assert ev.status == "planned" and ev.location == {"city": "Moscow", "country": "RU"}


def test_a_quote_has_its_speaker(analyze):
    r = _events(analyze, "Wang Yi ha incontrato Sergej Lavrov a Pechino martedì. Lavrov ha dichiarato che i rapporti tra "
                         "i due Paesi \"non sono mai stati così solidi\".")
    assert any(q.speaker_id == "sergei-lavrov" for q in r.quotes)


def test_a_text_with_no_meeting(analyze):
    r = _events(analyze, "Le esportazioni di petrolio russo verso la Cina sono cresciute del dieci per cento nel primo trimestre, "
                         "secondo i dati doganali pubblicati oggi a Pechino.")
    assert r.events == []


def test_words_meet_in_singular_and_plural():
    n = load("it").normalize
    assert n("consultazioni") == n("consultazione") and n("strategiche") == n("strategica") == n("strategico")
    assert n("dell'incontro") == n("incontro")
