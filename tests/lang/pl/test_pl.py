"""The Polish pack on sentences written for these tests: a meeting, a call, a numbered round, a
planned visit, a quote, and a text with no meeting; declined names found through their stems."""
from parley.lang import load


def _events(analyze, text, published="2024-05-08"):
    r = analyze(text, published)
    assert r.document.language == "pl"
    return r


def test_a_meeting_in_a_city_with_declined_names(analyze):
    r = _events(analyze, "Minister spraw zagranicznych Chin Wang Yi spotkał się wczoraj w Moskwie z szefem rosyjskiej dyplomacji "
                         "Siergiejem Ławrowem. Obaj ministrowie omówili sytuację międzynarodową.")
    (ev,) = r.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2024-05-07", "end": "2024-05-07"}
    assert ev.location == {"city": "Moscow", "country": "RU"} and ev.status == "occurred"


def test_a_phone_call(analyze):
    r = _events(analyze, "Przywódca Chin Xi Jinping rozmawiał dzisiaj telefonicznie z prezydentem Rosji Władimirem Putinem.")
    (ev,) = r.events
    assert ev.modality == "phone" and ev.date == {"start": "2024-05-08", "end": "2024-05-08"}
    assert {p.id for p in ev.participants} == {"xi-jinping", "vladimir-putin"}


def test_a_numbered_round_of_a_known_mechanism(analyze):
    r = _events(analyze, "Sekretarz Rady Bezpieczeństwa Rosji Siergiej Szojgu i Wang Yi przewodniczyli w Pekinie dziewiętnastej "
                         "rundzie konsultacji w sprawie bezpieczeństwa strategicznego.")
    (ev,) = r.events
    assert ev.mechanism == "cn-ru-strategic-security-consultation" and ev.round == 19
    assert ev.location == {"city": "Beijing", "country": "CN"}


def test_a_planned_visit(analyze):
    r = _events(analyze, "Przywódca Chin Xi Jinping złoży wizytę państwową w Moskwie w przyszłym tygodniu na zaproszenie "
                         "Władimira Putina.")
    (ev,) = r.events
    assert ev.status == "planned" and ev.location == {"city": "Moscow", "country": "RU"}


def test_a_quote_has_its_speaker(analyze):
    r = _events(analyze, "Wang Yi spotkał się z Siergiejem Ławrowem w Pekinie we wtorek. Ławrow powiedział, że stosunki obu krajów "
                         "są \"silniejsze niż kiedykolwiek\".")
    assert any(q.speaker_id == "sergei-lavrov" for q in r.quotes)


def test_a_text_with_no_meeting(analyze):
    r = _events(analyze, "Eksport rosyjskiej ropy do Chin wzrósł o dziesięć procent w pierwszym kwartale, wynika z danych celnych "
                         "opublikowanych dzisiaj w Pekinie.")
    assert r.events == []


def test_declined_forms_meet():
    n = load("pl").normalize
    assert n("Moskwie") == n("Moskwy") == n("Moskwa") and n("Ławrowem") == n("Ławrow") and n("Pekinie") == n("Pekin")
