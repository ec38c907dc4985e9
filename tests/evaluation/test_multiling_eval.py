"""ROUGE in any script: the ``multiling`` protocol (Unicode words, no stemming), the guard
every protocol has against text its tokenizer cannot see, folders of summaries as systems
(``dir:FOLDER``), and (with ../shared/data) the MultiLing 2011 datasets with their
participants.

Every text here was written for these tests; nothing is copied from ../shared/data.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

from conftest import require_shared
from summarizer.budget import Budget
from summarizer.documents import Sentence
from summarizer.errors import InputError
from summarizer.evaluation.baselines import oracle
from summarizer.evaluation.protocols import PROTOCOLS, check_visible, get_protocol, score
from summarizer.evaluation.rouge import Scorer, make_tokenizer
from summarizer.text import unicode_words

MULTILING = PROTOCOLS["multiling"]
TAC = PROTOCOLS["tac"]


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "summarizer.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd, env={**os.environ})


def one_error_line(r, code=2):
    assert r.returncode == code, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: "), r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


# ------------------------------------------------------------------ the tokenizer

@pytest.mark.parametrize("text, tokens", [
    ("Η Αθήνα, 2011!", ["η", "αθήνα", "2011"]),
    ("ΣΕΙΣΜΟΣ ΣΤΗΝ ΑΘΗΝΑ", ["σεισμος", "στην", "αθηνα"]),
    # Arabic vowel marks (harakat) stay inside their word
    ("كَتَبَ الطالبُ الدرسَ في 2011", ["كَتَبَ", "الطالبُ", "الدرسَ", "في", "2011"]),
    # Devanagari vowel signs are combining marks: one token per word, the danda dropped
    ("भारत की राजधानी दिल्ली है।", ["भारत", "की", "राजधानी", "दिल्ली", "है"]),
    # Chinese: one token per character, digits kept together
    ("北京2008年奥运会", ["北", "京", "2008", "年", "奥", "运", "会"]),
    ("L'école a fermé à Noël", ["l", "école", "a", "fermé", "à", "noël"]),
    # NFKC: full-width letters and a decomposed accent
    ("ＡＢＣ e\u0301te\u0301", ["abc", "été"]),
])
def test_unicode_tokens_in_several_scripts(text, tokens):
    assert unicode_words(text) == tokens
    assert make_tokenizer("unicode", False).tokenize(text) == tokens


def test_the_unicode_tokenizer_has_no_stemmer():
    with pytest.raises(ValueError):
        make_tokenizer("unicode", stemming=True)
    with pytest.raises(ValueError):
        make_tokenizer("nope")


def test_rouge_score_tokenizer_is_rouge_scores_own():
    from rouge_score.tokenizers import DefaultTokenizer

    text = "The councils' ratings fell 12% in 2024, officials said; running rivers ran."
    for stemming in (True, False):
        assert (make_tokenizer("rouge_score", stemming).tokenize(text)
                == DefaultTokenizer(use_stemmer=stemming).tokenize(text))


# ------------------------------------------------------------------ the protocol

def test_multiling_protocol_settings():
    assert get_protocol("multiling") is MULTILING
    assert MULTILING.metrics == ("rouge1", "rouge2") and MULTILING.measure == "recall"
    assert MULTILING.limit_words == 250 and MULTILING.cut_references
    assert not MULTILING.stemming and MULTILING.tokenizer == "unicode"
    assert MULTILING.key() != TAC.key() and '"tokenizer": "unicode"' in MULTILING.key()
    for name in ("duc", "tac", "multinews"):
        assert PROTOCOLS[name].tokenizer == "rouge_score"
    assert get_protocol("custom").tokenizer == "rouge_score"


def test_multiling_scores_a_hand_checked_greek_case():
    # summary tokens: ο σεισμός χτύπησε την αθήνα (5)
    # reference 1: ένας σεισμός χτύπησε την αθήνα χθες (6 tokens, 5 bigrams)
    #   unigrams shared: σεισμός χτύπησε την αθήνα = 4 -> R-1 4/6
    #   bigrams shared: σεισμός-χτύπησε, χτύπησε-την, την-αθήνα = 3 -> R-2 3/5
    # reference 2: σεισμός στην αθήνα (3 tokens, 2 bigrams)
    #   unigrams shared: σεισμός αθήνα = 2 -> R-1 2/3; bigrams shared: none -> R-2 0
    # mean over references: R-1 (4/6 + 2/3) / 2 = 2/3 = 66.67; R-2 (3/5 + 0) / 2 = 30.00
    summary = "Ο σεισμός χτύπησε την Αθήνα."
    refs = ["Ένας σεισμός χτύπησε την Αθήνα χθες.", "ΣΕΙΣΜΌΣ στην Αθήνα"]
    got = score(summary, refs, MULTILING)
    assert got["rouge1"] == pytest.approx(200 / 3)
    assert got["rouge2"] == pytest.approx(30.0)


def test_multiling_cuts_summary_and_references_to_250_words():
    filler = " ".join(["λέξη"] * 250)
    # the word after the 250th is never seen, on either side
    assert score(filler + " Αθήνα", ["Αθήνα"], MULTILING)["rouge1"] == 0.0
    assert score("Αθήνα", [filler + " Αθήνα"], MULTILING)["rouge1"] == 0.0
    assert score("Αθήνα " + filler, ["Αθήνα"], MULTILING)["rouge1"] == 100.0


def test_scorer_with_unicode_tokens_scores_cjk_per_character():
    s = Scorer(("rouge1", "rouge2"), stemming=False, tokenizer="unicode")
    # reference 北京奥运会 (5 chars, 4 bigrams); summary 北京会议: 北 京 会 shared,
    # bigram 北京 shared -> R-1 3/5, R-2 1/4
    result = s.score("北京奥运会", "北京会议")
    assert result["rouge1"].recall == pytest.approx(3 / 5)
    assert result["rouge2"].recall == pytest.approx(1 / 4)


def test_english_protocols_still_equal_rouge_score():
    from rouge_score.rouge_scorer import RougeScorer

    ref = "Heavy rain flooded the Riverside school on Monday and closed it for a week."
    summ = "The Riverside school was flooded by heavy rains; it closed on Monday."
    direct = RougeScorer(["rouge1", "rouge2"], use_stemmer=True).score(ref, summ)
    got = score(summ, [ref], TAC)
    assert got["rouge1"] == 100 * direct["rouge1"].recall
    assert got["rouge2"] == 100 * direct["rouge2"].recall


# ------------------------------------------------------------------ the guard

def test_guard_refuses_greek_under_the_english_protocols():
    for name in ("duc", "tac", "multinews"):
        with pytest.raises(InputError) as e:
            score("Ο σεισμός χτύπησε την Αθήνα το 2011.", ["Σεισμός στην Αθήνα το 2011."],
                  PROTOCOLS[name], cluster="gr-1")
        msg = str(e.value)
        assert "'gr-1'" in msg and f"the {name} protocol" in msg
        assert "--protocol multiling" in msg and "\n" not in msg


def test_guard_lets_french_accents_and_digits_only_texts_through():
    french = "L'école élémentaire a été fermée après les pluies, a déclaré le maire à Noël."
    assert score(french, [french], TAC)["rouge1"] == 100.0
    check_visible("2011 12 31", TAC)  # no letters: nothing to refuse
    check_visible("", TAC)


def test_guard_refuses_an_unreadable_summary_against_english_references():
    with pytest.raises(InputError, match="summary of system 'x'"):
        score("Ο σεισμός χτύπησε την Αθήνα.", ["An earthquake hit Athens."], TAC,
              cluster="c", system_name="x")


def test_multiling_reads_every_script():
    for text in ("Ο σεισμός χτύπησε την Αθήνα.", "كَتَبَ الطالبُ الدرسَ", "भारत की राजधानी",
                 "北京奥运会", "L'école a fermé"):
        check_visible(text, MULTILING)
        assert score(text, [text], MULTILING)["rouge1"] == 100.0


# ------------------------------------------------------------------ the oracle

def test_oracle_in_greek_follows_the_protocols_tokens():
    sents = [Sentence("Ο καιρός ήταν καλός στην Πάτρα χθες.", 0, 0),
             Sentence("Ένας ισχυρός σεισμός χτύπησε την Αθήνα το πρωί.", 0, 1),
             Sentence("Η ομάδα κέρδισε τον αγώνα του 2011.", 1, 0)]
    refs = ["Ισχυρός σεισμός χτύπησε την Αθήνα."]
    got = oracle(sents, refs, Budget(words=10), stemming=False, tokenizer="unicode")
    assert got == ["Ένας ισχυρός σεισμός χτύπησε την Αθήνα το πρωί."]
    # rouge-score's tokens see no Greek word: nothing raises its objective
    assert oracle(sents, refs, Budget(words=10), stemming=False) == []


# ------------------------------------------------------------------ through the CLI

GREEK = [
    {"id": "gr-seismos", "language": "greek", "documents": [
        {"id": "g1a", "date": "2024-05-01", "title": "Σεισμός στην Αθήνα",
         "text": "Ένας ισχυρός σεισμός χτύπησε την Αθήνα νωρίς το πρωί της Τετάρτης.\n"
                 "Οι κάτοικοι βγήκαν στους δρόμους μέσα στο σκοτάδι και περίμεναν νέα.\n"
                 "Η πυροσβεστική υπηρεσία είπε ότι δεν υπάρχουν σοβαροί τραυματισμοί.\n"
                 "Μερικά παλιά σπίτια στο κέντρο της πόλης έπαθαν μικρές ζημιές."},
        {"id": "g1b", "date": "2024-05-02", "title": "Μετά τον σεισμό",
         "text": "Οι μηχανικοί έλεγξαν σήμερα τα σχολεία της Αθήνας μετά τον σεισμό.\n"
                 "Τα περισσότερα σχολεία θα ανοίξουν κανονικά τη Δευτέρα το πρωί.\n"
                 "Ο δήμαρχος ευχαρίστησε τους εθελοντές για τη γρήγορη βοήθειά τους.\n"
                 "Οι σεισμολόγοι περιμένουν μικρούς μετασεισμούς τις επόμενες ημέρες."}],
     "references": [{"id": "A", "text": "Ισχυρός σεισμός χτύπησε την Αθήνα την Τετάρτη. "
                                        "Δεν υπάρχουν σοβαροί τραυματισμοί και τα σχολεία "
                                        "θα ανοίξουν τη Δευτέρα."}]},
    {"id": "gr-limani", "language": "greek", "documents": [
        {"id": "g2a", "date": "2024-06-10", "title": "Νέο λιμάνι στην Καλαμάτα",
         "text": "Η Καλαμάτα εγκαινίασε χθες το νέο της λιμάνι για μικρά πλοία.\n"
                 "Το έργο κόστισε δώδεκα εκατομμύρια ευρώ και κράτησε τρία χρόνια.\n"
                 "Οι ψαράδες της περιοχής είπαν ότι το λιμάνι θα τους βοηθήσει πολύ.\n"
                 "Η περιφέρεια ελπίζει σε περισσότερους τουρίστες το καλοκαίρι."},
        {"id": "g2b", "date": "2024-06-11", "title": "Τουρίστες και ψαράδες",
         "text": "Τα πρώτα κρουαζιερόπλοια θα φτάσουν στο νέο λιμάνι τον Ιούλιο.\n"
                 "Οι ξενοδόχοι της Καλαμάτας περιμένουν καλύτερη χρονιά από πέρυσι.\n"
                 "Οι ψαράδες θα έχουν δική τους αποβάθρα στη δυτική πλευρά.\n"
                 "Ο δήμος θα φτιάξει και ένα μικρό πάρκο δίπλα στη θάλασσα."}],
     "references": [{"id": "A", "text": "Η Καλαμάτα άνοιξε νέο λιμάνι που κόστισε δώδεκα "
                                        "εκατομμύρια ευρώ. Ψαράδες και ξενοδόχοι περιμένουν "
                                        "περισσότερους τουρίστες."}]},
]


@pytest.fixture
def greek(tmp_path):
    path = tmp_path / "greek.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in GREEK),
                    encoding="utf-8")
    return path


def _folder(tmp_path, name, texts: dict[str, str]):
    folder = tmp_path / name
    folder.mkdir()
    for cid, text in texts.items():
        (folder / f"{cid}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def _row(stdout: str, name: str) -> list[str]:
    for line in stdout.splitlines():
        if line.startswith(f"| {name} | "):
            return [c.strip() for c in line.strip("|").split("|")]
    raise AssertionError(f"no row {name!r} in\n{stdout}")


def _eval(greek, tmp_path, *extra):
    return cli("evaluate", "--dataset", str(greek), "--bootstrap", "100",
               "--cache-dir", str(tmp_path / "cache"), "--report", str(tmp_path / "report"),
               *extra)


@pytest.mark.parametrize("protocol", ["tac", "duc", None])
def test_cli_refuses_greek_under_an_english_protocol(greek, tmp_path, protocol):
    extra = ["--protocol", protocol] if protocol else []  # None: the config's (duc)
    line = one_error_line(_eval(greek, tmp_path, "--systems", "lead", *extra))
    assert "'gr-seismos'" in line and "reference A" in line
    assert f"the {protocol or 'duc'} protocol" in line and "--protocol multiling" in line


def test_cli_scores_greek_with_multiling_and_a_folder_of_summaries(greek, tmp_path):
    # dir:ours holds each cluster's reference itself (R-1 = R-2 = 100); dir:other holds
    # a Greek sentence that shares nothing with either reference (0).
    ours = _folder(tmp_path, "ours", {c["id"]: c["references"][0]["text"] for c in GREEK})
    other = _folder(tmp_path, "other", {c["id"]: "Ο καιρός ήταν ζεστός χθες βράδυ."
                                        for c in GREEK})
    r = _eval(greek, tmp_path, "--protocol", "multiling",
              "--systems", f"lead,oracle,dir:{ours},dir:{other}")
    assert r.returncode == 0, r.stderr
    assert _row(r.stdout, "dir:ours")[1:3] == ["100.00 [100.00, 100.00]"] * 2
    assert _row(r.stdout, "dir:other")[1:3] == ["0.00 [0.00, 0.00]"] * 2
    lead = float(_row(r.stdout, "lead")[1].split()[0])
    assert 0 < lead < 100
    assert "unicode tokens" in r.stdout
    doc = json.loads((tmp_path / "report" / "results.json").read_text())
    assert doc["protocol"]["tokenizer"] == "unicode"
    assert doc["systems"]["dir:ours"]["kind"] == "dir"
    assert doc["systems"]["dir:ours"]["source"] == str(ours)
    # the paired test between two systems of the report
    cmp = cli("compare", str(tmp_path / "report"), "--system-a", "lead",
              "--system-b", "dir:ours", "--bootstrap", "100")
    assert cmp.returncode == 0, cmp.stderr


def test_cli_rescores_a_changed_folder(greek, tmp_path):
    ours = _folder(tmp_path, "ours", {c["id"]: c["references"][0]["text"] for c in GREEK})
    args = ("--protocol", "multiling", "--systems", f"dir:{ours}")
    first = _eval(greek, tmp_path, *args)
    assert first.returncode == 0 and "2 computed, 0 from cache" in first.stderr
    again = _eval(greek, tmp_path, *args)
    assert "0 computed, 2 from cache" in again.stderr
    (ours / "gr-limani.txt").write_text("Ο καιρός ήταν ζεστός χθες βράδυ.\n", encoding="utf-8")
    changed = _eval(greek, tmp_path, *args)
    assert changed.returncode == 0 and "2 computed, 0 from cache" in changed.stderr
    assert _row(changed.stdout, "dir:ours")[1].startswith("50.00 ")


def test_cli_dir_system_errors_are_one_line(greek, tmp_path):
    partial = _folder(tmp_path, "partial", {"gr-seismos": "Σεισμός στην Αθήνα."})
    line = one_error_line(_eval(greek, tmp_path, "--protocol", "multiling",
                                "--systems", f"lead,dir:{partial}"))
    assert "dir:partial" in line and "gr-limani" in line and "gr-seismos" not in line
    line = one_error_line(_eval(greek, tmp_path, "--protocol", "multiling",
                                "--systems", f"dir:{tmp_path / 'nowhere'}"))
    assert "nowhere" in line and "does not exist" in line
    empty = tmp_path / "empty"
    empty.mkdir()
    line = one_error_line(_eval(greek, tmp_path, "--protocol", "multiling",
                                "--systems", f"dir:{empty}"))
    assert "no <cluster id>.txt" in line
    # participants: only the named datasets that ship them
    line = one_error_line(_eval(greek, tmp_path, "--protocol", "multiling",
                                "--systems", "participants"))
    assert "ships no participants" in line


# ------------------------------------------------------------------ MultiLing 2011 (shared)

@pytest.mark.shared
def test_multiling2011_greek_with_its_participants(tmp_path):
    peers = require_shared("multiling2011/peers/greek")
    r = cli("evaluate", "--dataset", "multiling2011-greek", "--systems", "lead,participants",
            "--bootstrap", "100", "--cache-dir", str(tmp_path / "cache"),
            "--report", str(tmp_path / "report"))
    assert r.returncode == 0, r.stderr
    assert "protocol multiling" in r.stdout
    ids = sorted(p.name for p in peers.iterdir() if p.is_dir())
    for ident in ids:
        _row(r.stdout, "ID10 (topline)" if ident == "ID10" else ident)
    assert "| ID5 | " not in r.stdout  # Greek has no ID5: only the folders that exist
    # the topline is an upper bound: above every peer on R-2
    top = float(_row(r.stdout, "ID10 (topline)")[2].split()[0])
    assert all(float(_row(r.stdout, i)[2].split()[0]) < top for i in ids if i != "ID10")
    doc = json.loads((tmp_path / "report" / "results.json").read_text())
    assert doc["systems"]["ID10 (topline)"]["kind"] == "dir"


@pytest.mark.shared
def test_multiling2011_greek_refused_under_tac():
    require_shared("multiling2011/greek.jsonl")
    line = one_error_line(cli("evaluate", "--dataset", "multiling2011-greek", "--protocol",
                              "tac", "--systems", "lead", "--no-cache"))
    assert "--protocol multiling" in line


@pytest.mark.shared
def test_multiling_protocol_reproduces_the_published_english_rouge():
    """On English, where ROUGE-1.5.5 and Unicode words tokenize alike, our protocol gives
    the organisers' published per-participant recall to within 0.1."""
    root = require_shared("multiling2011")
    from summarizer.config import load_config
    from summarizer.evaluation.datasets import load_dataset
    from summarizer.evaluation.runner import run
    from summarizer.evaluation.systems import participant_systems

    ds = load_dataset("multiling2011-english", data=root.parent)
    specs = participant_systems(ds, load_config(None))
    result = run(ds, specs, MULTILING, progress=False)
    for metric, n in (("rouge1", 1), ("rouge2", 2)):
        with open(root / "published-rouge" / f"ENGLISH_ROUGE-{n}.csv", encoding="utf-8") as fh:
            pub = {row["runid"].split("_")[0]: 100 * float(row["recall"])
                   for row in csv.DictReader(fh)}
        for spec in specs:
            ident = spec.name.split()[0]
            rows = result.results[spec.name]
            ours = sum(r.scores[metric] for r in rows) / len(rows)
            assert ours == pytest.approx(pub[ident], abs=0.1), (ident, metric)


def test_custom_protocol_takes_the_unicode_tokenizer_from_the_config():
    from summarizer.config import EvaluateConfig
    from summarizer.evaluation.protocols import get_protocol, score

    cfg = EvaluateConfig(protocol="custom", metrics=["rouge1"], limit_words=None,
                         tokenizer="unicode", stemming=False)
    protocol = get_protocol("custom", cfg)
    assert protocol.tokenizer == "unicode"
    # one of the reference's two words is in the summary
    assert score("Η γέφυρα", ["γέφυρα κόστος"], protocol) == {"rouge1": 50.0}
