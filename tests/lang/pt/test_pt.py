"""The Portuguese pack on sentences written for these tests: a meeting, a call, a numbered round,
a planned visit, a quote, and a text with no meeting."""
from parley.lang import load


def _events(analyze, text, published="2024-05-08"):
    r = analyze(text, published)
    assert r.document.language == "pt"
    return r


def test_a_meeting_in_a_city(analyze):
    r = _events(analyze, "O chanceler chinês Wang Yi reuniu-se ontem em Moscou com o seu homólogo russo, Serguei Lavrov. "
                         "Os dois discutiram a situação internacional.")
    (ev,) = r.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2024-05-07", "end": "2024-05-07"}
    assert ev.location == {"city": "Moscow", "country": "RU"} and ev.status == "occurred"


def test_a_phone_call(analyze):
    r = _events(analyze, "O presidente chinês Xi Jinping conversou hoje por telefone com o presidente russo Vladimir Putin, "
                         "informou a televisão estatal.")
    (ev,) = r.events
    assert ev.modality == "phone" and ev.date == {"start": "2024-05-08", "end": "2024-05-08"}
    assert {p.id for p in ev.participants} == {"xi-jinping", "vladimir-putin"}


def test_a_numbered_round_of_a_known_mechanism(analyze):
    r = _events(analyze, "O secretário do Conselho de Segurança da Rússia, Serguei Shoigu, e Wang Yi copresidiram em Pequim a "
                         "19ª rodada de consultas sobre segurança estratégica entre a China e a Rússia.")
    (ev,) = r.events
    assert ev.mechanism == "cn-ru-strategic-security-consultation" and ev.round == 19
    assert ev.location == {"city": "Beijing", "country": "CN"}


def _round(pack, text):
    from parley.annotate import rounds
    return [m.value for m in rounds.find(text, 0, len(text), pack, set())]


def test_ordinals_in_words_and_digits():
    pack = load("pt")
    assert _round(pack, "a 18ª rodada") == [18] and _round(pack, "a primeira rodada") == [1]
    assert _round(pack, "a vigésima sessão") == [20] and _round(pack, "a décima-oitava rodada") == [18]


def test_a_planned_visit(analyze):
    r = _events(analyze, "O presidente Xi Jinping vai fazer uma visita de Estado a Moscou na próxima semana, a convite de "
                         "Vladimir Putin.")
    (ev,) = r.events
    assert ev.status == "planned" and ev.location == {"city": "Moscow", "country": "RU"}


def test_a_quote_has_its_speaker(analyze):
    r = _events(analyze, "Wang Yi reuniu-se com Serguei Lavrov em Pequim na terça-feira. Lavrov declarou que as relações entre "
                         "os dois países \"nunca foram tão sólidas\".")
    assert any(q.speaker_id == "sergei-lavrov" for q in r.quotes)


def test_a_text_with_no_meeting(analyze):
    r = _events(analyze, "As exportações de petróleo russo para a China cresceram dez por cento no primeiro trimestre, segundo "
                         "dados aduaneiros divulgados hoje em Pequim.")
    assert r.events == []


def test_words_meet_in_singular_and_plural():
    n = load("pt").normalize
    assert n("consultas") == n("consulta") and n("conversações") == n("conversação") and n("estratégicas") == n("estratégica")
