"""The Indonesian pack on sentences written for these tests: a meeting, a call, a numbered round,
a planned visit, a quote, and a text with no meeting."""
from parley.lang import load


def _events(analyze, text, published="2024-05-08"):
    r = analyze(text, published)
    assert r.document.language == "id"
    return r


def test_a_meeting_in_a_city(analyze):
    r = _events(analyze, "Menteri Luar Negeri China Wang Yi bertemu dengan Menteri Luar Negeri Rusia Sergei Lavrov di Moskwa "
                         "kemarin. Kedua menteri membahas situasi internasional.")
    (ev,) = r.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2024-05-07", "end": "2024-05-07"}
    assert ev.location == {"city": "Moscow", "country": "RU"} and ev.status == "occurred"


def test_a_phone_call(analyze):
    r = _events(analyze, "Presiden China Xi Jinping melakukan percakapan telepon dengan Presiden Rusia Vladimir Putin pada hari ini, "
                         "demikian dilaporkan televisi pemerintah.")
    (ev,) = r.events
    assert ev.modality == "phone" and ev.date == {"start": "2024-05-08", "end": "2024-05-08"}
    assert {p.id for p in ev.participants} == {"xi-jinping", "vladimir-putin"}


def test_a_numbered_round_of_a_known_mechanism(analyze):
    r = _events(analyze, "Sekretaris Dewan Keamanan Rusia Sergei Shoigu dan Wang Yi memimpin putaran ke-19 konsultasi keamanan "
                         "strategis China-Rusia di Beijing.")
    (ev,) = r.events
    assert ev.mechanism == "cn-ru-strategic-security-consultation" and ev.round == 19
    assert ev.location == {"city": "Beijing", "country": "CN"}


def test_a_planned_visit(analyze):
    r = _events(analyze, "Presiden Xi Jinping akan melakukan kunjungan kenegaraan ke Moskwa pekan depan atas undangan "
                         "Vladimir Putin.")
    (ev,) = r.events
    assert ev.status == "planned" and ev.location == {"city": "Moscow", "country": "RU"}


def test_a_quote_has_its_speaker(analyze):
    r = _events(analyze, "Wang Yi bertemu dengan Sergei Lavrov di Beijing pada Selasa. Lavrov mengatakan bahwa hubungan kedua "
                         "negara \"tidak pernah sekuat ini\".")
    assert any(q.speaker_id == "sergei-lavrov" for q in r.quotes)


def test_a_text_with_no_meeting(analyze):
    r = _events(analyze, "Ekspor minyak Rusia ke China naik sepuluh persen pada kuartal pertama, menurut data bea cukai yang "
                         "dirilis hari ini di Beijing.")
    assert r.events == []


def test_reduplicated_plural_and_digit_ordinal():
    from parley.annotate import rounds
    pack = load("id")
    assert pack.normalize("pertemuan-pertemuan") == "pertemuan"
    text = "putaran ke-18 konsultasi"
    assert [m.value for m in rounds.find(text, 0, len(text), pack, set(), about_mechanism=True)] == [18]
