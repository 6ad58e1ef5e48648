"""The Ukrainian pack on sentences written for these tests: a meeting, a call, a numbered round, a
planned visit, a quote, and a text with no meeting; names found in any case through their lemmas."""
from parley.lang import load


def _events(analyze, text, published="2024-05-08"):
    r = analyze(text, published)
    assert r.document.language == "uk"
    return r


def test_a_meeting_in_a_city_with_names_in_oblique_cases(analyze):
    r = _events(analyze, "Міністр закордонних справ Китаю Ван І вчора зустрівся в Москві з міністром закордонних справ Росії "
                         "Сергієм Лавровим. Сторони обговорили міжнародну ситуацію.")
    (ev,) = r.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2024-05-07", "end": "2024-05-07"}
    assert ev.location == {"city": "Moscow", "country": "RU"} and ev.status == "occurred"


def test_a_phone_call(analyze):
    r = _events(analyze, "Голова КНР Сі Цзіньпін сьогодні провів телефонну розмову з президентом Росії Володимиром Путіним.")
    (ev,) = r.events
    assert ev.modality == "phone" and ev.date == {"start": "2024-05-08", "end": "2024-05-08"}
    assert {p.id for p in ev.participants} == {"xi-jinping", "vladimir-putin"}


def test_a_numbered_round_of_a_known_mechanism(analyze):
    r = _events(analyze, "Секретар Ради безпеки Росії Сергій Шойгу та Ван І провели в Пекіні дев'ятнадцятий раунд консультацій "
                         "зі стратегічної безпеки.")
    (ev,) = r.events
    assert ev.mechanism == "cn-ru-strategic-security-consultation" and ev.round == 19
    assert ev.location == {"city": "Beijing", "country": "CN"}


def test_a_planned_visit(analyze):
    r = _events(analyze, "Голова КНР Сі Цзіньпін відвідає Москву з державним візитом наступного тижня на запрошення "
                         "Володимира Путіна.")
    (ev,) = r.events
    assert ev.status == "planned" and ev.location == {"city": "Moscow", "country": "RU"}


def test_a_quote_has_its_speaker(analyze):
    r = _events(analyze, "Ван І зустрівся з Сергієм Лавровим у Пекіні у вівторок. Лавров заявив, що відносини двох країн "
                         "\"міцні як ніколи\".")
    assert any(q.speaker_id == "sergei-lavrov" for q in r.quotes)


def test_a_text_with_no_meeting(analyze):
    r = _events(analyze, "Експорт російської нафти до Китаю зріс на десять відсотків у першому кварталі, свідчать митні дані, "
                         "оприлюднені сьогодні в Пекіні.")
    assert r.events == []


def test_lemmas_and_romanization():
    pack = load("uk")
    assert pack.normalize("Патрушевим") == "патрушев" and pack.normalize("Лавровим") == "лавров"
    assert pack.normalize("консультацій") == "консультація"
    assert pack.module.romanize("Дмитром Кулебою") == "Dmytro Kuleba"
    assert pack.module.romanize("Сергієм Лавровим") == "Serhii Lavrov" and pack.module.romanize("Євген") == "Yevhen"
