"""``rouge155.run`` prints what ROUGE-1.5.5.pl prints, byte for byte: the real script
(tests/rouge155_oracle.py) is the oracle, on generated texts for the option combinations,
and on DUC 2003, multinews-dev and MultiLing 2011 English from ../shared/data."""

from __future__ import annotations

import csv
import difflib
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from summarizer.errors import UsageError
from summarizer.evaluation import rouge155

from conftest import require_shared
from rouge155_oracle import (EXC_ORDER, FORMATS, OracleError, release, write_config,
                             write_file_list)

# Words that reach every part of the script: stems and WordNet exceptions, stop words,
# hyphens, apostrophes, numbers and "$", upper case, non-ASCII letters (bytes the script
# turns into separators), markup characters.
WORDS = ["the", "a", "of", "and", "is", "were", "found", "better", "best", "testes",
         "running", "cats", "agreed", "happily", "sky", "generalization", "relational",
         "Bridge", "bridges", "BRIDGE", "closed", "mayor", "said", "U.S.", "it's", "don't",
         "O'Neil", "well-known", "state-of-the-art", "-", "--", "3.5", "1,000", "2019",
         "3rd", "$5", "$", "e.g.", "(city)", "\"quoted\"", "end.", "wait!", "why?",
         "café", "Straße", "naïve", "Zoë", "λόγος", "Ωmega", "東京", "x<y", "a&b", "…"]
EXCEPTIONS = sorted({line.split()[0] for part in EXC_ORDER for line in
                     (release() / "data" / "WordNet-2.0-Exceptions" / f"{part}.exc")
                     .read_text(encoding="latin-1").splitlines()[::40] if line.strip()})
STEMMED = st.text(st.sampled_from("abcdeilmnorstuyz"), min_size=3, max_size=14)
NOISE = st.text(st.sampled_from(list("abyzAYZ0189-'$.,;:!?()\"/&_éßΩλ東\u00a0")),
                min_size=1, max_size=10)
SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\t", " \r ", "\u00a0"])
word = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(EXCEPTIONS),
                STEMMED, NOISE)
sentence = st.builds(lambda lead, pairs: lead + "".join(w + s for w, s in pairs).rstrip(" "),
                     st.sampled_from(["", "", "", " ", "  ", "\t"]),
                     st.lists(st.tuples(word, SEPARATORS), min_size=1, max_size=20))
long_sentence = st.lists(word, min_size=80, max_size=200).map(" ".join)
line = st.one_of(sentence, sentence, sentence, st.sampled_from(["", "   ", " \t "]), long_sentence)
text = st.builds(lambda lines, eol, end: eol.join(lines) + end,
                 st.lists(line, max_size=7), st.sampled_from(["\n", "\n", "\r\n"]),
                 st.sampled_from(["", "\n", "\n\n"]))

TOPIC_IDS = ["1", "2", "10", "007", "d30001t", "D2", "a.b"]
PEER_IDS = ["1", "2", "10", "B", "sys-x"]
MODEL_IDS = ["A", "B", "C", "D", "1"]


def _texts(ids, lo, hi):
    return st.lists(st.sampled_from(ids), min_size=lo, max_size=hi, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({i: text for i in chosen}))


topic = st.fixed_dictionaries({"models": _texts(MODEL_IDS, 1, 4), "peers": _texts(PEER_IDS, 1, 3)})
topics = st.lists(st.sampled_from(TOPIC_IDS), min_size=1, max_size=5, unique=True).flatmap(
    lambda chosen: st.fixed_dictionaries({t: topic for t in chosen}))


@st.composite
def options(draw) -> list[str]:
    """The script's options, each drawn over its values (or left out)."""
    argv: list[str] = []

    def maybe(flag, values):
        value = draw(st.one_of(st.none(), st.sampled_from(values)))
        if value is not None:
            argv.extend([flag, str(value)])

    maybe("-n", [1, 2, 3, 4])
    cut = draw(st.sampled_from(["", "-l", "-b"]))
    if cut:
        argv.extend([cut, str(draw(st.integers(0, 60) if cut == "-l" else st.integers(0, 400)))])
    for flag in ("-m", "-s", "-x", "-d"):
        if draw(st.booleans()):
            argv.append(flag)
    # ROUGE-W less often: the script dies on any model with no words, ending the example.
    if draw(st.sampled_from([*[False] * 5, True])):
        argv.extend(["-w", draw(st.sampled_from(["1.2", "1.5", "2"]))])
    gap = draw(st.one_of(st.none(), st.sampled_from([-1, 0, 1, 4, 9])))
    if gap is not None:
        argv.extend(["-2", str(gap)])
        argv.extend(draw(st.sampled_from([[], ["-u"], ["-U"]])))
    maybe("-f", ["A", "B"])
    maybe("-p", ["0", "0.3", "0.5", "1"])
    maybe("-t", [0, 1, 2])
    maybe("-c", [90, 95, 99, "97.5", 0, 100])
    argv.extend(["-r", str(draw(st.integers(1, 60)))])
    return argv


def assert_same(argv: list[str], ours: str, perl: str) -> None:
    """Exact equality of the whole output, with a diff that names the arguments."""
    if ours != perl:
        diff = "\n".join(difflib.unified_diff(perl.splitlines(), ours.splitlines(), "perl",
                                              "rouge155", lineterm="", n=1))
        pytest.fail(f"rouge155 {' '.join(argv)} differs from ROUGE-1.5.5.pl:\n{diff}")


def check_parity(oracle, argv: list[str]) -> None:
    """Run both on ``argv``; where the script refuses the input, ours must too."""
    try:
        perl = oracle(argv)
    except OracleError:
        with pytest.raises(UsageError):
            rouge155.run(argv, warn=lambda line: None)
        return
    assert_same(argv, rouge155.run(argv, warn=lambda line: None), perl)


@pytest.mark.slow
@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(topics, options(), st.sampled_from(FORMATS), st.booleans(), st.booleans(), st.data())
def test_generated_texts_every_option(rouge_oracle, tmp_path_factory, suite, argv, fmt,
                                      file_list, every_system, data):
    """Generated topics, options and input forms (an XML config, or a -z file list)."""
    root = tmp_path_factory.mktemp("gen")
    system = data.draw(st.sampled_from(sorted({p for t in suite.values() for p in t["peers"]})))
    if file_list:  # one peer per line; -a is ignored; the peer is the system ID given, else X
        listing = write_file_list(root, suite, system, fmt)
        label = data.draw(st.sampled_from([[], [system]]))
        argv = [*argv, *(["-a"] if every_system else []), "-z", fmt, str(listing), *label]
    else:
        config = write_config(root, suite, fmt)
        argv = [*argv, "-a", str(config)] if every_system else [*argv, str(config), system]
    if data.draw(st.booleans()):  # accepted for compatibility: the script's data folder
        argv = ["-e", str(rouge_oracle.data_dir), *argv]
    check_parity(rouge_oracle, argv)


# ---------------------------------------------------------------- real data

def same_as_perl(oracle, root, suite: dict, flags: str) -> str:
    """Write ``suite`` (SPL) and a config under ``root``; both outputs equal; the output."""
    argv = [*flags.split(), str(write_config(root, suite))]
    perl = oracle(argv)
    assert_same(argv, rouge155.run(argv, warn=lambda line: None), perl)
    return perl


def sentences(text: str) -> str:
    """One sentence per line, as the references are fed to ROUGE-1.5.5."""
    from summarizer.ingest.split import split_text

    return "\n".join(split_text(text))


def averages(output: str) -> dict[tuple[str, str, str], float]:
    """(system, measure, R|P|F) -> the printed average."""
    found = re.findall(r"^(\S+) (ROUGE-\S+) Average_([RPF]): ([0-9.]+) ", output, re.M)
    return {(s, m, k): float(v) for s, m, k, v in found}


DUC_FLAGS = "-n 4 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d"


@pytest.mark.shared
@pytest.mark.slow
def test_duc2003_baselines_and_every_method(rouge_oracle, tmp_path, method_needs):
    """DUC 2003 with the DUC flags: our config, the baselines and every method, summarized
    through the evaluation API, scored against the 4 references."""
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.systems import names_of
    from summarizer.rank import METHODS

    data = require_shared("duc2003")
    systems = ["default", *names_of("baseline"), *(f"method:{m.name}" for m in METHODS)]
    needs = [item for items in method_needs.values() for item in items]
    run = evaluate("duc2003", overrides=needs, systems=systems, samples=20,
                   data=data.parent).run
    with open(data / "clusters.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    suite = {r["id"]: {"models": {m["id"]: sentences(m["text"]) for m in r["references"]},
                        "peers": {}} for r in records}
    for system, results in run.results.items():
        for result in results:
            suite[result.cluster]["peers"][system] = result.summary
    output = same_as_perl(rouge_oracle, tmp_path, suite, DUC_FLAGS)
    assert {s for s, _, _ in averages(output)} == set(systems)
    assert len(re.findall(r" Eval ", output)) == len(systems) * len(records) * 5  # R-1..4, L


def lead(texts: list[str], words: int) -> str:
    """Whole sentences from the start of ``texts``, in turn, to more than ``words`` words
    (so the -l cut falls inside a sentence)."""
    out, count = [], 0
    for sentence in texts:
        if count > words:
            break
        out.append(sentence)
        count += len(sentence.split())
    return "\n".join(out)


@pytest.mark.shared
@pytest.mark.slow
def test_multinews_dev_lead_summaries(rouge_oracle, tmp_path):
    """multinews-dev (raw Multi-News form): the lead of the first article and the first
    sentences of every article in turn, -l 300, ROUGE-1/2, L and SU4, F-measures."""
    from itertools import chain, zip_longest

    from summarizer.ingest.split import split_text

    suite = {}
    with open(require_shared("multinews-dev") / "dev.jsonl", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            articles = [split_text(a.replace("NEWLINE_CHAR", " "))
                        for a in record["document"].split("|||||") if a.strip()]
            in_turn = [s for s in chain(*zip_longest(*articles)) if s]
            reference = record["summary"].replace("NEWLINE_CHAR", " ").strip().removeprefix("– ")
            suite[record["id"]] = {"models": {"A": sentences(reference)},
                                    "peers": {"lead": lead(articles[0], 300),
                                              "lead-rr": lead(in_turn, 300)}}
    output = same_as_perl(rouge_oracle, tmp_path, suite,
                          "-l 300 -n 2 -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d")
    assert {m for _, m, _ in averages(output)} == {"ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"}


MULTILING_FLAGS = "-a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0 -d"
# The published table is reproduced to within this (measured: 0.00046, ID1 ROUGE-1 recall);
# the texts beside the repo differ slightly from the organisers' files, so no number of
# the 90 is equal to the digit, for the script as for us.
PUBLISHED_TOLERANCE = 0.0005


@pytest.mark.shared
def test_multiling2011_english_and_its_published_table(rouge_oracle, tmp_path):
    """MultiLing 2011 English: the participants' summaries against the 3 references with
    the organisers' flags (no stemming, no length cut), then against their table."""
    data = require_shared("multiling2011")
    suite = {}
    with open(data / "english.jsonl", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            peers = {folder.name: (folder / f"{record['id']}.txt").read_text(encoding="utf-8")
                     for folder in sorted((data / "peers" / "english").iterdir())}
            suite[record["id"]] = {"models": {m["id"]: sentences(m["text"])
                                               for m in record["references"]}, "peers": peers}
    ours = averages(same_as_perl(rouge_oracle, tmp_path, suite, MULTILING_FLAGS))
    compared = 0
    for measure in ("1", "2", "SU4"):
        with open(data / "published-rouge" / f"ENGLISH_ROUGE-{measure}.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                system = row["runid"].split("_")[0]
                for key, column in (("R", "recall"), ("P", "precision"), ("F", "f-score")):
                    gap = abs(ours[(system, f"ROUGE-{measure}", key)] - float(row[column]))
                    assert gap <= PUBLISHED_TOLERANCE, (system, measure, key)
                    compared += 1
    assert compared == 90
