"""Offline language detectors on short news text: py3langid (what ``language: auto``
uses, see summarizer/language.py), langdetect and lingua-language-detector.

Text: the MultiLing 2011 articles in ``../shared/data/multiling2011`` (Arabic, English,
French, Greek; 100 articles each: the first sentence, the first three sentences and the
whole article, after the WikiNews date and title lines), read in place and never copied,
plus five short news-like sentences written for this benchmark in each of ten languages
the data lacks (one sentence, and all five together). For each detector: accuracy per
length, milliseconds per call, installed size and the time to import it and load its
model (in a fresh process).

The detectors other than py3langid are not project dependencies; install them in a
separate environment and run the script there::

    python3 -m venv /tmp/detvenv
    /tmp/detvenv/bin/pip install py3langid langdetect lingua-language-detector
    /tmp/detvenv/bin/python benchmarks/language_detect.py --data ../shared/data

A detector that is not installed is skipped. ``--json`` writes the numbers.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import re
import subprocess
import sys
import time
from pathlib import Path

# Five sentences per language, written for this benchmark (not from any data set).
OWN = {
    "ru": ["Городские власти объявили о закрытии моста на ремонт до конца октября.",
           "В результате наводнения были эвакуированы более двух тысяч жителей.",
           "Министр финансов заявил, что бюджет на следующий год будет сбалансирован.",
           "Полиция задержала двух подозреваемых в ограблении банка в центре города.",
           "Сборная страны вышла в финал чемпионата после победы над соперником."],
    "de": ["Die Stadtverwaltung hat die Brücke bis Ende Oktober für Reparaturen gesperrt.",
           "Nach dem Hochwasser mussten mehr als zweitausend Menschen ihre Häuser verlassen.",
           "Der Finanzminister kündigte an, den Haushalt im nächsten Jahr auszugleichen.",
           "Die Polizei nahm zwei Verdächtige nach einem Banküberfall in der Innenstadt fest.",
           "Die Nationalmannschaft zog mit einem knappen Sieg ins Finale ein."],
    "es": ["El ayuntamiento cerró el puente hasta finales de octubre para repararlo.",
           "Más de dos mil vecinos fueron evacuados tras las inundaciones del martes.",
           "El ministro de Hacienda prometió un presupuesto equilibrado para el próximo año.",
           "La policía detuvo a dos sospechosos del robo a un banco del centro.",
           "La selección nacional se clasificó para la final tras vencer a su rival."],
    "hi": ["नगर निगम ने मरम्मत के लिए पुल को अक्टूबर के अंत तक बंद कर दिया है।",
           "बाढ़ के बाद दो हज़ार से अधिक लोगों को सुरक्षित स्थानों पर ले जाया गया।",
           "वित्त मंत्री ने कहा कि अगले साल का बजट संतुलित रहेगा।",
           "पुलिस ने शहर के बीच एक बैंक में हुई लूट के दो संदिग्धों को गिरफ़्तार किया।",
           "राष्ट्रीय टीम ने कड़े मुकाबले में जीत के साथ फ़ाइनल में जगह बनाई।"],
    "he": ["העירייה סגרה את הגשר לשיפוצים עד סוף אוקטובר.",
           "יותר מאלפיים תושבים פונו מבתיהם בעקבות ההצפות.",
           "שר האוצר הודיע כי התקציב לשנה הבאה יהיה מאוזן.",
           "המשטרה עצרה שני חשודים בשוד בנק במרכז העיר.",
           "הנבחרת הלאומית העפילה לגמר לאחר ניצחון דחוק."],
    "zh": ["市政府宣布大桥将关闭维修至十月底。",
           "洪水过后，两千多名居民被紧急疏散。",
           "财政部长表示明年的预算将保持平衡。",
           "警方在市中心逮捕了两名银行抢劫案嫌疑人。",
           "国家队以微弱优势击败对手，闯入决赛。"],
    "ja": ["市は修理のため、橋を十月末まで通行止めにすると発表した。",
           "洪水の後、二千人以上の住民が避難した。",
           "財務大臣は来年度の予算を均衡させると述べた。",
           "警察は市中心部で起きた銀行強盗の容疑者二人を逮捕した。",
           "代表チームは接戦を制して決勝に進出した。"],
    "tr": ["Belediye, köprüyü onarım için ekim ayı sonuna kadar trafiğe kapattı.",
           "Selin ardından iki binden fazla kişi evlerinden tahliye edildi.",
           "Maliye Bakanı gelecek yılın bütçesinin dengeli olacağını açıkladı.",
           "Polis, şehir merkezindeki banka soygununun iki şüphelisini gözaltına aldı.",
           "Milli takım rakibini kıl payı yenerek finale yükseldi."],
    "fa": ["شهرداری پل را برای تعمیر تا پایان مهر ماه بست.",
           "پس از سیل بیش از دو هزار نفر از خانه‌های خود تخلیه شدند.",
           "وزیر دارایی گفت بودجه سال آینده متعادل خواهد بود.",
           "پلیس دو مظنون سرقت از بانکی در مرکز شهر را دستگیر کرد.",
           "تیم ملی با پیروزی سخت به فینال راه یافت."],
    "pt": ["A prefeitura fechou a ponte para reparos até o fim de outubro.",
           "Mais de dois mil moradores foram retirados de casa depois das enchentes.",
           "O ministro da Fazenda disse que o orçamento do próximo ano será equilibrado.",
           "A polícia prendeu dois suspeitos do assalto a um banco no centro da cidade.",
           "A seleção nacional chegou à final depois de uma vitória apertada."],
}
DATA_LANGUAGES = {"arabic": "ar", "english": "en", "french": "fr", "greek": "el"}
# Labels a detector gives that are not the ISO 639-1 code of the language meant.
ALIASES = {"zh-cn": "zh", "zh-tw": "zh", "nn": "no", "nb": "no", "arz": "ar", "ary": "ar",
           "yue": "zh", "wuu": "zh", "iw": "he", "bs": "hr"}

_SENTENCE_END = re.compile(r"(?<=[.!?;؟])\s+")
_DATE_OR_TITLE = re.compile(r"^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")


def _article_sentences(text: str) -> list[str]:
    """The article's sentences after its WikiNews header (the "2005/01/08 Title" line and
    the weekday-date line)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and _DATE_OR_TITLE.match(lines[0]):
        lines = lines[1:]
    if lines and len(lines[0].split()) <= 6 and re.search(r"\d{4}", lines[0]):
        lines = lines[1:]
    out = []
    for line in lines:
        out.extend(s for s in _SENTENCE_END.split(line) if len(s.split()) >= 3)
    return out


def samples(data: Path) -> dict[str, list[tuple[str, str]]]:
    """{length: [(language, text)]}."""
    out: dict[str, list[tuple[str, str]]] = {"1 sentence": [], "3 sentences": [],
                                             "article": []}
    for name, code in DATA_LANGUAGES.items():
        n = 0
        with open(data / "multiling2011" / f"{name}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                for doc in json.loads(line)["documents"]:
                    sents = _article_sentences(doc["text"])
                    if not sents or n >= 100:
                        continue
                    n += 1
                    out["1 sentence"].append((code, sents[0]))
                    out["3 sentences"].append((code, " ".join(sents[:3])))
                    out["article"].append((code, " ".join(sents)))
    out["own: 1 sentence"] = [(code, s) for code, ss in OWN.items() for s in ss]
    out["own: 5 sentences"] = [(code, " ".join(ss)) for code, ss in OWN.items()]
    return out


# (name, distribution, setup code run once, expression giving the label for `text`)
DETECTORS = {
    "py3langid": ("py3langid",
                  "from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier\n"
                  "ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, "
                  "norm_probs=True)\n"
                  "detect = lambda text: ident.classify(text)[0]"),
    # The same model as summarizer/language.py ships it: limited to labels that are
    # ISO 639-1 codes or variants mapped onto one (its other labels, such as "pcm" or
    # "ext", are what short English sentences get wrong).
    "py3langid (as shipped)": ("py3langid",
                  "from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier\n"
                  "ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, "
                  "norm_probs=True)\n"
                  "ident.set_languages(sorted({c for c in ident.nb_classes if c in TABLE}))\n"
                  "detect = lambda text: ident.classify(text)[0]"),
    "langdetect": ("langdetect",
                   "from langdetect import DetectorFactory, detect as _d\n"
                   "from langdetect.lang_detect_exception import LangDetectException\n"
                   "DetectorFactory.seed = 0\n"
                   "def detect(text):\n"
                   "    try:\n        return _d(text)\n"
                   "    except LangDetectException:\n        return '?'\n"
                   "detect('warm up the profiles')"),
    "lingua": ("lingua-language-detector",
               "from lingua import LanguageDetectorBuilder\n"
               "_det = LanguageDetectorBuilder.from_all_languages()"
               ".with_preloaded_language_models().build()\n"
               "def detect(text):\n"
               "    lang = _det.detect_language_of(text)\n"
               "    return lang.iso_code_639_1.name.lower() if lang else '?'"),
}


def _table_codes() -> list[str]:
    """The labels summarizer/language.py lets the detector answer: ISO 639-1 codes and the
    keys of its alias table (read as text: this script runs in an environment without the
    project)."""
    source = (Path(__file__).resolve().parents[1] / "summarizer" / "language.py").read_text(
        encoding="utf-8")
    iso = source.split('_ISO_639_1 = frozenset("""', 1)[1].split('"""', 1)[0].split()
    aliases = source.split("_DETECTED_ALIASES = {", 1)[1].split("}", 1)[0]
    return iso + re.findall(r'"([a-z]+)":', aliases)


def installed_mb(dist: str) -> float | None:
    """Size of the distribution's files (its RECORD), in MB."""
    try:
        d = md.distribution(dist)
    except md.PackageNotFoundError:
        return None
    total = 0
    for f in d.files or []:
        p = Path(d.locate_file(f))
        if p.is_file():
            total += p.stat().st_size
    return total / 1e6


def load_seconds(setup: str) -> float:
    """Import and model load in a fresh interpreter (the best of three)."""
    code = (f"import time\nTABLE = {_table_codes()!r}\nt = time.perf_counter()\n" + setup +
            "\nprint(time.perf_counter() - t)")
    best = float("inf")
    for _ in range(3):
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
        best = min(best, float(r.stdout.strip().splitlines()[-1]))
    return best


def run(data: Path) -> dict:
    sets = samples(data)
    results = {}
    for name, (dist, setup) in DETECTORS.items():
        if installed_mb(dist) is None:
            print(f"{name}: not installed, skipped", file=sys.stderr)
            continue
        scope: dict = {"TABLE": _table_codes()}
        exec(setup, scope)
        detect = scope["detect"]
        row = {"installed_mb": round(installed_mb(dist), 1),
               "load_s": round(load_seconds(setup), 2), "accuracy": {}, "ms_per_call": {}}
        for length, items in sets.items():
            t = time.perf_counter()
            labels = [detect(text) for _, text in items]
            elapsed = time.perf_counter() - t
            labels = [ALIASES.get(lab, lab) for lab in labels]
            right = sum(lab == code for lab, (code, _) in zip(labels, items))
            row["accuracy"][length] = round(right / len(items), 3)
            row["ms_per_call"][length] = round(1000 * elapsed / len(items), 2)
            by_language: dict[str, list[int]] = {}
            for lab, (code, _) in zip(labels, items):
                by_language.setdefault(code, []).append(lab == code)
            row.setdefault("by_language", {})[length] = {
                code: round(sum(v) / len(v), 3) for code, v in by_language.items()}
            wrong = [(code, lab) for lab, (code, _) in zip(labels, items) if lab != code]
            row.setdefault("errors", {})[length] = wrong[:10]
        results[name] = row
        print(f"{name}: done", file=sys.stderr)
    return {"samples": {k: len(v) for k, v in sets.items()}, "detectors": results}


def table(res: dict) -> str:
    lengths = list(res["samples"])
    head = ("| detector | " + " | ".join(f"{k} (n={res['samples'][k]})" for k in lengths)
            + " | ms/call (1 sentence / article) | installed MB | import + load s |")
    lines = [head, "|" + "---|" * (len(lengths) + 4)]
    for name, row in res["detectors"].items():
        acc = " | ".join(f"{100 * row['accuracy'][k]:.1f}%" for k in lengths)
        ms = f"{row['ms_per_call']['1 sentence']:.2f} / {row['ms_per_call']['article']:.2f}"
        lines.append(f"| {name} | {acc} | {ms} | {row['installed_mb']:.1f} | {row['load_s']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="../shared/data", type=Path)
    p.add_argument("--json", type=Path, help="write the results here")
    args = p.parse_args()
    res = run(args.data)
    print(table(res))
    for name, row in res["detectors"].items():
        for length, wrong in row["errors"].items():
            if wrong:
                print(f"{name} {length} errors (expected, got): {wrong}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
