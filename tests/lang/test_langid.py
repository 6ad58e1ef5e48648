"""Language identification among every language, not only those with a pack. Each text was
written for these tests: a paragraph about a meeting of officials, and a short line (a title)."""
import pytest

from parley.langid import FunctionWords, detect, paragraph_language, script

PARAGRAPHS = {
    "en": "The two delegations met on Tuesday for the third round of consultations on regional security, and officials said "
          "a joint statement would follow once both capitals had approved its final wording.",
    "de": "Die beiden Delegationen trafen sich am Dienstag zur dritten Runde der Konsultationen über regionale Sicherheit; "
          "eine gemeinsame Erklärung soll folgen, sobald beide Hauptstädte den Wortlaut gebilligt haben.",
    "fr": "Les deux délégations se sont réunies mardi pour le troisième cycle de consultations sur la sécurité régionale, "
          "et une déclaration commune doit suivre dès que les deux capitales en auront approuvé le texte.",
    "es": "Las dos delegaciones se reunieron el martes para la tercera ronda de consultas sobre seguridad regional, y "
          "según los funcionarios se publicará una declaración conjunta cuando ambas capitales aprueben el texto.",
    "it": "Le due delegazioni si sono incontrate martedì per il terzo ciclo di consultazioni sulla sicurezza regionale, e "
          "secondo i funzionari una dichiarazione congiunta seguirà non appena le due capitali ne avranno approvato il testo.",
    "pt": "As duas delegações reuniram-se na terça-feira para a terceira rodada de consultas sobre segurança regional, e "
          "segundo os funcionários uma declaração conjunta será publicada assim que as duas capitais aprovarem o texto.",
    "pl": "Obie delegacje spotkały się we wtorek na trzeciej rundzie konsultacji w sprawie bezpieczeństwa regionalnego, a "
          "według urzędników wspólne oświadczenie zostanie opublikowane, gdy obie stolice zatwierdzą jego treść.",
    "tr": "İki heyet salı günü bölgesel güvenlik konusundaki istişarelerin üçüncü turu için bir araya geldi ve yetkililere "
          "göre ortak bir açıklama, iki başkent metni onayladıktan sonra yayımlanacak.",
    "id": "Kedua delegasi bertemu pada hari Selasa untuk putaran ketiga konsultasi tentang keamanan regional, dan menurut "
          "para pejabat pernyataan bersama akan diterbitkan setelah kedua ibu kota menyetujui teksnya.",
    "vi": "Hai phái đoàn đã gặp nhau vào thứ Ba trong vòng tham vấn thứ ba về an ninh khu vực, và theo các quan chức, "
          "một tuyên bố chung sẽ được công bố sau khi hai thủ đô thông qua văn bản cuối cùng.",
    "nl": "De twee delegaties kwamen dinsdag bijeen voor de derde ronde van overleg over regionale veiligheid, en volgens "
          "de ambtenaren volgt een gezamenlijke verklaring zodra beide hoofdsteden de tekst hebben goedgekeurd.",
    "sw": "Wajumbe wa pande mbili walikutana Jumanne kwa duru ya tatu ya mashauriano kuhusu usalama wa kanda, na maafisa "
          "walisema taarifa ya pamoja itatolewa baada ya miji mikuu yote miwili kuidhinisha maandishi yake.",
    "et": "Kaks delegatsiooni kohtusid teisipäeval piirkondliku julgeoleku konsultatsioonide kolmandas voorus ning "
          "ametnike sõnul avaldatakse ühisavaldus siis, kui mõlemad pealinnad on teksti heaks kiitnud.",
    "ru": "Две делегации встретились во вторник в рамках третьего раунда консультаций по региональной безопасности, и, "
          "по словам чиновников, совместное заявление будет опубликовано после того, как обе столицы одобрят текст.",
    "uk": "Дві делегації зустрілися у вівторок у межах третього раунду консультацій з питань регіональної безпеки, і, за "
          "словами посадовців, спільну заяву оприлюднять після того, як обидві столиці схвалять її текст.",
    "bg": "Двете делегации се срещнаха във вторник за третия кръг от консултациите по регионалната сигурност, а според "
          "служителите съвместното изявление ще бъде публикувано, след като двете столици одобрят текста.",
    "sr": "Две делегације састале су се у уторак у оквиру трећег круга консултација о регионалној безбедности, а према "
          "речима званичника заједничка изјава биће објављена када обе престонице одобре текст.",
    "zh": "两国代表团周二举行第三轮地区安全磋商，官员表示，双方首都批准最终文本后将发表联合声明。双方还就双边关系交换了意见。",
    "ja": "両国の代表団は火曜日、地域の安全保障に関する第3回協議を行った。当局者によると、両国の首都が最終的な文言を承認した後、共同声明が発表される。",
    "ko": "양국 대표단은 화요일 지역 안보에 관한 제3차 협의를 가졌으며, 관계자들에 따르면 양국 수도가 최종 문안을 승인한 뒤 공동성명이 발표될 예정이다.",
    "ar": "التقى الوفدان يوم الثلاثاء في إطار الجولة الثالثة من المشاورات حول الأمن الإقليمي، وقال المسؤولون إن بيانا مشتركا "
          "سيصدر بعد أن توافق العاصمتان على نصه النهائي.",
    "fa": "دو هیئت روز سه‌شنبه در دور سوم رایزنی‌ها درباره امنیت منطقه‌ای با یکدیگر دیدار کردند و به گفته مقام‌ها، بیانیه "
          "مشترک پس از تأیید متن نهایی از سوی دو پایتخت منتشر خواهد شد.",
    "ur": "دونوں وفود نے منگل کے روز علاقائی سلامتی پر مشاورت کے تیسرے دور میں ملاقات کی، اور حکام کے مطابق دونوں "
          "دارالحکومتوں کی منظوری کے بعد مشترکہ بیان جاری کیا جائے گا۔",
    "hi": "दोनों प्रतिनिधिमंडलों ने मंगलवार को क्षेत्रीय सुरक्षा पर परामर्श के तीसरे दौर में मुलाकात की, और अधिकारियों के अनुसार "
          "दोनों राजधानियों की मंजूरी के बाद एक संयुक्त बयान जारी किया जाएगा।",
    "mr": "दोन्ही शिष्टमंडळांनी मंगळवारी प्रादेशिक सुरक्षेवरील सल्लामसलतीच्या तिसऱ्या फेरीत भेट घेतली, आणि अधिकाऱ्यांच्या "
          "म्हणण्यानुसार दोन्ही राजधान्यांनी मजकूर मंजूर केल्यानंतर संयुक्त निवेदन जारी केले जाईल.",
    "el": "Οι δύο αντιπροσωπείες συναντήθηκαν την Τρίτη στον τρίτο γύρο διαβουλεύσεων για την περιφερειακή ασφάλεια, και "
          "σύμφωνα με αξιωματούχους κοινή δήλωση θα δημοσιευθεί όταν οι δύο πρωτεύουσες εγκρίνουν το κείμενο.",
    "te": "రెండు ప్రతినిధి బృందాలు మంగళవారం ప్రాంతీయ భద్రతపై మూడో విడత సంప్రదింపుల్లో సమావేశమయ్యాయి, అధికారుల ప్రకారం "
          "రెండు రాజధానులు పాఠాన్ని ఆమోదించిన తర్వాత సంయుక్త ప్రకటన విడుదల అవుతుంది.",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_a_paragraph_is_labelled_in_its_own_language(code):
    assert paragraph_language(PARAGRAPHS[code]) == code
    main, present, parts = detect(PARAGRAPHS[code])
    assert main == code and present == [code]


# Traditional characters are Chinese too (the zh pack reads them, converted)
def test_traditional_chinese_is_chinese():
    assert paragraph_language("兩國代表團週二舉行第三輪地區安全磋商，官員表示，雙方首都批准最終文本後將發表聯合聲明。") == "zh"


def test_japanese_with_few_kana_is_still_japanese_and_chinese_quoting_katakana_is_not():
    assert script("日本外務大臣と中国外交部長が東京で会談した。") == "ja"
    assert script("中国外交部长王毅在北京会见日本外务大臣，双方就双边关系交换意见。") == "zh"


def test_a_korean_text_with_han_and_latin_names_is_korean():
    assert script("왕이(王毅) 중국 외교부장과 Sergei Lavrov 러시아 외무장관이 베이징에서 회담했다.") == "ko"


SHORT_LINES = {   # titles: read in the language of the document's text of that script
    "it": "Consultazioni a Roma",
    "pt": "Consultas em Lisboa",
    "uk": "Консультації у Києві",
}


@pytest.mark.parametrize("code", sorted(SHORT_LINES))
def test_a_title_takes_the_language_of_its_document(code):
    text = SHORT_LINES[code] + "\n\n" + PARAGRAPHS[code] + "\n" + PARAGRAPHS[code]
    main, _, parts = detect(text)
    assert main == code and [lang for *_, lang in parts] == [code] * 3


def test_a_mixed_document_keeps_each_paragraph_s_language():
    text = "\n".join(PARAGRAPHS[c] for c in ("it", "ja", "uk", "en", "fa", "pt"))
    _, present, parts = detect(text)
    assert [lang for *_, lang in parts] == ["it", "ja", "uk", "en", "fa", "pt"]
    assert set(present) == {"it", "ja", "uk", "en", "fa", "pt"}


def test_function_words_of_a_language_without_a_pack_keep_it_from_a_pack_language():
    words = FunctionWords({"es": ["el", "los", "las", "y", "del", "por", "con", "una", "para", "se", "es", "su"]})
    assert words.decide(PARAGRAPHS["it"]) in (None, "it")
    assert words.decide(PARAGRAPHS["pt"]) in (None, "pt")
    assert words.decide(PARAGRAPHS["es"]) == "es"


def test_no_letters_no_language():
    assert detect("12:30 — 2024-05-06 — ***")[0] is None
    assert script("") is None


# One short sentence alone (a test input, a one-line post): trigrams alone are unsure of these
ONE_LINERS = [
    ("On March 2, 2021, Wang Yi and Sergei Lavrov held talks via video link.", "en"),
    ("Wang Yi se reunió con Lavrov en Moscú", "es"),
    ("Wang Yi trifft Lawrow in Moskau", "de"),
    ("Consultazioni a Roma tra i due ministri degli esteri", "it"),
    ("Xi Jinping ha parlato al telefono con Vladimir Putin.", "it"),
    ("Xi Jinping ha avuto oggi una telefonata con Vladimir Putin.", "it"),
    ("Rodada de consultas em Lisboa", "pt"),
    ("Putaran ketiga konsultasi di Jakarta", "id"),
]


@pytest.mark.parametrize("line,code", ONE_LINERS)
def test_a_one_line_document_is_labelled(line, code):
    assert detect(line, ("en", "de", "fr", "es"))[0] == code


def test_documents_without_a_pack_are_stored_with_their_language(tmp_path):
    """A whole document in a language Parley has no pack for is labelled in it (and read with the
    default pack): Japanese was Chinese, Korean English, Persian and Hindi nothing."""
    import json
    from conftest import ingest_and_export
    folder = tmp_path / "in"
    folder.mkdir()
    for code in ("ja", "ko", "ar", "fa", "hi", "vi", "pl", "el"):
        title = PARAGRAPHS[code].split("。")[0].split(",")[0].split("،")[0][:40]
        (folder / f"{code}.txt").write_text(f"{title}\n\n{PARAGRAPHS[code]}\n\n{PARAGRAPHS[code]}\n", encoding="utf-8")
    out = ingest_and_export([folder], tmp_path / "db")
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted((d["source"].rsplit("/", 1)[-1][:-4], d["language"]) for d in docs) == \
        sorted((c, c) for c in ("ja", "ko", "ar", "fa", "hi", "vi", "pl", "el"))
