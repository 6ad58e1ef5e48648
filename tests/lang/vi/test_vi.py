"""The Vietnamese pack on sentences written for these tests: a meeting, a call, a numbered round,
a planned visit, a quote, and a text with no meeting; its own time and round finders."""
from parley.lang import load


def _events(analyze, text, published="2024-05-08"):
    r = analyze(text, published)
    assert r.document.language == "vi"
    return r


def test_a_meeting_in_a_city(analyze):
    r = _events(analyze, "Ngoại trưởng Trung Quốc Vương Nghị hôm qua đã hội đàm với Ngoại trưởng Nga Sergei Lavrov tại Moskva. "
                         "Hai bên đã trao đổi về tình hình quốc tế.")
    (ev,) = r.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2024-05-07", "end": "2024-05-07"}
    assert ev.location == {"city": "Moscow", "country": "RU"} and ev.status == "occurred"


def test_a_phone_call(analyze):
    r = _events(analyze, "Chủ tịch Trung Quốc Tập Cận Bình hôm nay đã điện đàm với Tổng thống Nga Vladimir Putin.")
    (ev,) = r.events
    assert ev.modality == "phone" and ev.date == {"start": "2024-05-08", "end": "2024-05-08"}
    assert {p.id for p in ev.participants} == {"xi-jinping", "vladimir-putin"}


def test_a_numbered_round_of_a_known_mechanism(analyze):
    r = _events(analyze, "Thư ký Hội đồng An ninh Nga Sergei Shoigu và Ngoại trưởng Vương Nghị đã đồng chủ trì vòng tham vấn an "
                         "ninh chiến lược lần thứ 19 tại Bắc Kinh.")
    (ev,) = r.events
    assert ev.mechanism == "cn-ru-strategic-security-consultation" and ev.round == 19
    assert ev.location == {"city": "Beijing", "country": "CN"}


def test_round_numbers_in_words_and_a_second_time_that_is_no_monday():
    mod = load("vi").module
    text = "phiên họp thứ mười tám của ủy ban; lần thứ hai ông tới đây"
    assert [m.value for m in mod.find_rounds(text, 0, len(text))][:1] == [18]
    assert not [m for m in mod.find_times(text, 0, len(text)) if m.value["type"] == "wd"]


def test_a_planned_visit(analyze):
    r = _events(analyze, "Chủ tịch Tập Cận Bình sẽ thăm cấp nhà nước tới Moskva vào tuần tới theo lời mời của Tổng thống "
                         "Vladimir Putin.")
    (ev,) = r.events
    assert ev.status == "planned" and ev.location == {"city": "Moscow", "country": "RU"}


def test_a_quote_has_its_speaker(analyze):
    r = _events(analyze, "Ông Vương Nghị đã hội đàm với ông Sergei Lavrov tại Bắc Kinh vào thứ Ba. Ông Lavrov cho biết quan hệ "
                         "hai nước \"vững chắc hơn bao giờ hết\".")
    assert any(q.speaker_id == "sergei-lavrov" for q in r.quotes)


def test_a_text_with_no_meeting(analyze):
    r = _events(analyze, "Xuất khẩu dầu của Nga sang Trung Quốc tăng mười phần trăm trong quý đầu năm, theo số liệu hải quan công "
                         "bố hôm nay tại Bắc Kinh.")
    assert r.events == []
