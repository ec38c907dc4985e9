"""The cleaner in languages other than English: real sentences stay, script-general
boilerplate goes. Every text here was written for these tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from summarizer.ingest.clean import clean_cluster, clean_text, line_rule
from summarizer.documents import Article, Cluster
from summarizer.language import get_language

BOILERPLATE = [
    "ΤΕΛΕΥΤΑΙΑ ΝΕΑ ΚΑΙ ΑΝΑΛΥΣΕΙΣ",  # a capitals-only label in a cased script
    "https://www.example.com/news/2024/bridge-closure-story",
    "* * *",
    "———",
    "Facebook Twitter WhatsApp Email",
    "press@example.com",
]

STORIES = {
    "ar": [
        "الأربعاء 12 يونيو 2024",
        "أعلنت بلدية المدينة يوم الأربعاء إغلاق الجسر الرئيسي أمام حركة المرور حتى نهاية الشهر المقبل.",
        "وقال رئيس البلدية إن أعمال الصيانة ستكلف نحو ٣٠ مليون دولار",
        "هل سيعود السكان إلى منازلهم قبل الشتاء؟",
        "افتتاح الجسر الجديد في الربيع",
        "المدينة تستعد لموسم الأمطار.",
    ],
    "he": [
        "העירייה הודיעה ביום רביעי כי הגשר המרכזי ייסגר לתנועה עד סוף החודש הבא.",
        "לדברי ראש העיר, עבודות התחזוקה יעלו כ-30 מיליון שקלים",
        "התושבים התבקשו להשתמש בתחבורה ציבורית בזמן העבודות.",
        "שר התחבורה ביקר באתר",
    ],
    "hi": [
        "नगर निगम ने बुधवार को घोषणा की कि मुख्य पुल अगले महीने के अंत तक बंद रहेगा।",
        "महापौर ने कहा कि मरम्मत पर लगभग ३० करोड़ रुपये खर्च होंगे",
        "क्या बारिश से पहले काम पूरा हो पाएगा?",
        "शहर में यातायात की नई व्यवस्था लागू",
    ],
    "el": [
        "Τετάρτη, 12 Ιουνίου 2024",
        "Ο δήμος ανακοίνωσε την Τετάρτη ότι η κεντρική γέφυρα θα κλείσει μέχρι το τέλος του επόμενου μήνα.",
        "Θα επιστρέψουν οι κάτοικοι στα σπίτια τους πριν από τον χειμώνα;",
        "Οι εργασίες συντήρησης θα κοστίσουν περίπου 30 εκατομμύρια ευρώ, είπε ο δήμαρχος.",
    ],
    "ru": [
        "12 июня 2024 г.",
        "Городские власти в среду объявили о закрытии центрального моста до конца следующего месяца.",
        "По словам мэра, ремонт обойдётся примерно в 30 миллионов рублей, а работы начнутся в июле.",
        "Компания Apple и сервис iPhone-овых приложений тут ни при чём: решение принял городской совет.",
        "Жители смогут пользоваться паромом, который будет ходить каждые 20 минут.",
    ],
    "zh": [
        "2024年6月12日 星期三",
        "市政府星期三宣布，主桥将关闭至下个月底，以便进行维修。",
        "市长表示，维修费用约为三千万元，工程将于七月开始",
        "居民在施工期间可以乘坐渡轮往返两岸。",
        "交通部长视察了施工现场",
    ],
    "fr": [
        "Mercredi 12 juin 2024",
        "La mairie a annoncé mercredi la fermeture du pont principal jusqu'à la fin du mois prochain.",
        "« Les travaux coûteront environ 30 millions d'euros », a déclaré le maire.",
        "Les habitants pourront emprunter un bac qui partira toutes les 20 minutes.",
        "Le ministre des Transports s'est rendu sur le chantier",
    ],
}
# The lines above that are dates only: dropped, as in English.
DATES = {"الأربعاء 12 يونيو 2024", "Τετάρτη, 12 Ιουνίου 2024", "12 июня 2024 г.",
         "2024年6月12日 星期三", "Mercredi 12 juin 2024"}


@pytest.mark.parametrize("code", sorted(STORIES))
def test_sentences_stay_and_boilerplate_goes(code):
    lang = get_language(code)
    lines = STORIES[code]
    text = "\n".join(lines[:2] + BOILERPLATE + lines[2:])
    kept, dropped = clean_text(text, "a", language=lang)
    kept_lines = kept.split("\n")
    for line in lines:
        if line in DATES:
            assert line not in kept_lines, line
        else:
            assert line in kept_lines, (line, [(d.text, d.rule) for d in dropped])
    for junk in BOILERPLATE:
        assert junk not in kept_lines, junk
    rules = {d.text: d.rule for d in dropped}
    assert rules["* * *"] == "separator"
    assert rules["Facebook Twitter WhatsApp Email"] == "share-ui"
    assert rules["ΤΕΛΕΥΤΑΙΑ ΝΕΑ ΚΑΙ ΑΝΑΛΥΣΕΙΣ"] == "heading"
    assert rules["https://www.example.com/news/2024/bridge-closure-story"] == "fragment"
    for date in DATES & set(lines):
        assert rules[date] == "date"


@pytest.mark.parametrize("line", [
    "المدينة تستعد لموسم الأمطار",  # Arabic has no case: never a heading
    "הגשר ייסגר לתנועה עד סוף החודש",
    "शहर में यातायात की नई व्यवस्था लागू",
    "市政府宣布主桥将关闭至下个月底以便进行维修",  # no spaces: 20 words, not a fragment
])
def test_caseless_lines_are_not_headings_or_fragments(line):
    code = {"ا": "ar", "ה": "he", "श": "hi", "市": "zh"}[line[0]]
    assert line_rule(line, language=get_language(code)) is None
    # English rules treat a caseless line as capitals only (unchanged behaviour)
    if code != "zh":
        assert line_rule(line) == "heading"


def test_cased_headings_still_drop_in_other_languages():
    assert line_rule("ΤΕΛΕΥΤΑΙΑ ΝΕΑ", language=get_language("el")) == "heading"
    assert line_rule("ПОСЛЕДНИЕ НОВОСТИ", language=get_language("ru")) == "heading"
    # a capitalised acronym in a caseless line is not a heading
    assert line_rule("أعلنت CBS النتائج الأولية للانتخابات", language=get_language("ar")) is None


@pytest.mark.parametrize("line", [
    "Городские власти объявили о закрытии моста на ремонт до конца октября.",
    # a typing slip (Latin "о" and "с" in Cyrillic words) is not disguised advertising
    "Мэр зaявил, что мост будет зaкрыт до кoнца месяца, a рабoты начнутся cразу.",
])
def test_russian_cyrillic_is_not_mixed_script_junk(line):
    assert line_rule(line, language=get_language("ru")) is None
    assert line_rule(line, language=get_language("sr")) is None


def test_disguised_latin_text_still_drops_outside_cyrillic_languages():
    # Cyrillic "о" and "а" inside Latin words: text hidden from filters
    ad = "Cоntаct us tоdаy fоr the best оffer"
    assert line_rule(ad, language=get_language("fr")) == "mixed-script"
    assert line_rule(ad) == "mixed-script"


@pytest.mark.parametrize("code, line", [
    ("ar", "ما هو السبب؟"), ("hi", "यह सच है।"), ("zh", "是的。"), ("el", "Γιατί;"),
    ("fr", "« Jamais »"), ("hy", "Այո։"),
])
def test_short_sentences_ending_in_their_script_are_not_fragments(code, line):
    assert line_rule(line, language=get_language(code)) is None


@pytest.mark.parametrize("code, text", [
    ("ru", "МОСКВА, 12 июня (РИА Новости) — Городские власти объявили о закрытии моста."),
    ("ar", "القاهرة (رويترز) - أعلنت الحكومة المصرية اليوم عن خطة جديدة للنقل."),
    ("fr", "PARIS (AFP) - La mairie a annoncé la fermeture du pont principal."),
])
def test_datelines_in_other_scripts(code, text):
    kept, dropped = clean_text(text, "a", language=get_language(code))
    assert [d.rule for d in dropped] == ["dateline"]
    assert kept == text.split(" - ", 1)[-1].split(" — ", 1)[-1]


def test_chinese_article_is_not_short():
    # one line without spaces: 60 ideographs, far over min_article_words (20)
    text = ("市政府星期三宣布，主桥将关闭至下个月底，以便进行维修。"
            "市长表示，维修费用约为三千万元，工程将于七月开始。")
    cluster = Cluster("c", [Article(id="a", text=text)])
    cleaned, dropped = clean_cluster(cluster, language=get_language("zh"))
    assert [a.text for a in cleaned.articles] == [text]
    assert dropped == []
    # English counting sees one word
    assert clean_cluster(cluster)[0].articles == []


def test_clean_cluster_language_defaults_to_english():
    text = "Saturday, January 8, 2005\nThe council closed the bridge on Friday for repairs that will last months, officials said."
    cluster = Cluster("c", [Article(id="a", text=text)])
    assert clean_cluster(cluster)[0] == clean_cluster(cluster, language=get_language("en"))[0]


def test_the_rules_read_the_profile_not_the_language_code():
    """Each rule reads a fact of the profile: the same line, the same language code, and
    another fact give another answer."""
    english = get_language("en")
    general = replace(english, english_rules=False, line_ends=get_language("fr").line_ends)
    assert line_rule("北京 上海 广州", language=english) == "heading"
    assert line_rule("北京 上海 广州", language=general) != "heading"
    assert line_rule("Samedi 8 janvier 2005", language=english) is None
    assert line_rule("Samedi 8 janvier 2005", language=general) == "date"
    french = get_language("fr")
    disguised = "Cоntact us for a free Cоupon now at the site"  # Cyrillic "о"
    assert line_rule(disguised, language=french) == "mixed-script"
    assert line_rule(disguised, language=replace(french, cyrillic=True)) is None
