"""Traditional Chinese read by the zh pack through OpenCC, offsets valid in the original text.
The texts were written for these tests."""
from parley.lang.hant import simplify, simplify_parts

TRAD = "中國外交部長王毅與俄羅斯聯邦安全會議秘書帕特魯舍夫於週二在莫斯科舉行第十八輪中俄戰略安全磋商。雙方表示，兩國關係處於歷史最好時期。"


def test_simplify_converts_every_character_in_place():
    out = simplify(TRAD)
    assert len(out) == len(TRAD)
    assert out.startswith("中国外交部长王毅与俄罗斯联邦安全会议秘书帕特鲁舍夫于周二在莫斯科举行第十八轮中俄战略安全磋商")
    assert simplify(out) == out                      # simplified text is left as it is
    assert simplify("Wang Yi, 2023") == "Wang Yi, 2023"


def test_a_phrase_that_would_change_length_is_converted_character_by_character(monkeypatch):
    from parley.lang import hant

    class Lengthening:      # a converter whose phrase table turns one phrase into a longer one
        def convert(self, text):
            return hant.opencc_t2s.convert(text).replace("衣索比亚", "埃塞俄比亚")
    hant.opencc_t2s = hant._converter()
    monkeypatch.setattr(hant, "_converter", lambda: Lengthening())
    hant._char.cache_clear()
    text = "雙方在記者會上宣佈。王毅將訪問衣索比亞與臺灣的友邦。外長會晤代表。"
    out = simplify(text)
    assert len(out) == len(text)
    first, second, third = out.split("。")[:3]
    assert first == "双方在记者会上宣布" and third == "外长会晤代表"      # the sentences around it as converted
    assert second == "王毅将访问衣索比亚与台湾的友邦"                    # this one character by character
    hant._char.cache_clear()


def test_simplified_text_is_left_exactly_as_it_is():
    text = "中俄战略安全磋商机制于2005年建立。双方在北京举行会谈。"
    assert simplify(text) == text           # (a Taiwan phrase table would make 建立 创建)


def test_only_chinese_paragraphs_are_converted():
    text = "東京で会談した。\n" + TRAD
    parts = [(0, 8, "ja"), (9, len(text), "zh")]
    out = simplify_parts(text, parts)
    assert out[:8] == text[:8] and out[9:] == simplify(TRAD) and len(out) == len(text)
