"""ROUGE-1.5.5 without Perl from the outside: the stemmer's golden words, the drop-in
``summarizer rouge155`` against the real script, pyrouge pointed at it, the folder form
``summarizer rouge``, the ``duc-1.5.5`` harness protocol and the ``--unicode`` extension.
The real ``ROUGE-1.5.5.pl`` (the ``rouge_oracle`` fixture) says what the numbers are."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.evaluation.protocols import PROTOCOLS
from summarizer.evaluation.rouge155 import (PRESETS, exceptions, morph_stem, porter,
                                            score_texts)

from rouge155_oracle import OracleError, write_config, write_file_list

# Three topics (numeric IDs, printed in numeric order by -d), two peers, two or three
# models; peer 2 has no summary for topic 10. Stems, WordNet exceptions (were, found, mice,
# better), hyphens, apostrophes, numbers, "$" and punctuation all reach the scores.
TOPICS = {
    "1": {"models": {
        "A": "Heavy rain flooded the Riverside school on Monday.\n"
             "The mice were found in the flooded basement.\n"
             "About 400 pupils moved to the town library.",
        "B": "Officials closed the flooded school for a week.\n"
             "Crews are pumping water out of the building's basement.\n"
             "Pupils will study in the library until repairs end.",
        "C": "The Riverside primary school was closed after a flood.\n"
             "Its 400 pupils study at the library."},
        "peers": {
        "1": "Heavy rains flooded Riverside's primary school on Monday, officials said.\n"
             "Mice were found in the basement.\n"
             "The 400 pupils are studying in the town library.",
        "2": "A state-of-the-art library took in 400 pupils.\n"
             "The school's flooded basement was pumped out by crews."}},
    "2": {"models": {
        "A": "A cargo barge struck the Harbor Bridge early Tuesday.\n"
             "The bridge was closed in both directions.\nNo one was hurt.",
        "B": "Storm Hester tore a barge loose and it hit a bridge pier.\n"
             "Engineers found cracks in the pier, and the span stayed shut."},
        "peers": {
        "1": "The Harbor Bridge closed after a barge hit one of its piers.\n"
             "Nobody was hurt, officials said.",
        "2": "Engineers were inspecting cracks found in the bridge's fourth pier.\n"
             "The barge, the Kestrel 9, broke from its moorings at 4:40 a.m."}},
    "10": {"models": {
        "A": "The city council approved a new budget of $2.5 million for parks.\n"
             "The agreement includes better playgrounds.",
        "B": "Council members agreed on a parks budget.\n"
             "The settlement gives children better play areas."},
        "peers": {
        "1": "The council's agreement on the $2.5 million parks budget was approved."}},
}
MISSING = "*ROUGE Warning: test instance for peer 2 does not exist for evaluation 10"


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def one_error(proc: subprocess.CompletedProcess, fragment: str) -> str:
    """The single ``summarizer: error:`` line of a failed command, holding ``fragment``."""
    assert proc.returncode != 0, proc.stdout
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    assert fragment in lines[0], lines[0]
    return lines[0]


_AVERAGE = re.compile(r"^(\S+) (ROUGE-\S+) Average_([RPF]): ([0-9.]+) "
                      r"\(\d+%-conf\.int\. ([0-9.]+) - ([0-9.]+)\)$")
_EVAL = re.compile(r"^(\S+) (ROUGE-\S+) Eval (\S+) R:([0-9.]+) P:([0-9.]+) F:([0-9.]+)$")


def perl_averages(text: str) -> dict:
    """(system, tag, R|P|F) -> (average, low, high) from the script's output."""
    out = {}
    for line in text.splitlines():
        if m := _AVERAGE.match(line):
            out[m[1], m[2], m[3]] = tuple(float(x) for x in m.group(4, 5, 6))
    return out


def perl_topics(text: str) -> dict:
    """(system, tag, eval ID) -> (R, P, F) from the script's ``-d`` lines."""
    out = {}
    for line in text.splitlines():
        if m := _EVAL.match(line):
            out[m[1], m[2], m[3].rsplit(".", 1)[0]] = tuple(float(x) for x in m.group(4, 5, 6))
    return out


# --------------------------------------------------------------- 1. the stemmer


# Porter (1980)'s own examples, as the script's version of the algorithm stems them.
PORTER = {
    "caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
    "feed": "feed", "agreed": "agre", "plastered": "plaster", "bled": "bled",
    "motoring": "motor", "sing": "sing", "conflated": "conflat", "troubled": "troubl",
    "sized": "size", "hopping": "hop", "tanned": "tan", "falling": "fall", "hissing": "hiss",
    "fizzed": "fizz", "failing": "fail", "filing": "file", "happy": "happi", "sky": "sky",
    "relational": "relat", "conditional": "condit", "rational": "ration",
    "valenci": "valenc", "digitizer": "digit", "conformabli": "conform",
    "radicalli": "radic", "differentli": "differ", "vileli": "vile",
    "analogousli": "analog", "vietnamization": "vietnam", "predication": "predic",
    "operator": "oper", "feudalism": "feudal", "decisiveness": "decis",
    "hopefulness": "hope", "callousness": "callous", "formaliti": "formal",
    "sensitiviti": "sensit", "sensibiliti": "sensibl", "triplicate": "triplic",
    "formative": "form", "formalize": "formal", "electriciti": "electr",
    "electrical": "electr", "hopeful": "hope", "goodness": "good", "revival": "reviv",
    "allowance": "allow", "inference": "infer", "airliner": "airlin",
    "gyroscopic": "gyroscop", "adjustable": "adjust", "defensible": "defens",
    "irritant": "irrit", "adjustment": "adjust", "dependent": "depend",
    "adoption": "adopt", "homologou": "homolog", "communism": "commun",
    "activate": "activ", "angulariti": "angular", "homologous": "homolog",
    "effective": "effect", "bowdlerize": "bowdler", "probate": "probat", "rate": "rate",
    "cease": "ceas", "controll": "control", "roll": "roll", "generalization": "gener",
    # Lin's 2004 step 4: after -ement the rules -ment and -ent still run, one by one
    # (Porter leaves "agreement" and "settlement" whole).
    "replacement": "replac", "agreement": "agreem", "settlement": "settlem",
    "enjoyment": "enjoy",
    # An initial y is a consonant: "ying" keeps its -ing, "yes" loses its -s.
    "yield": "yield", "yelling": "yell", "ying": "ying", "yed": "yed", "yes": "ye",
    "yaying": "yai",
    # Words under 3 characters are left alone.
    "is": "is", "as": "as",
}


def test_porter_golden_words():
    assert {w: porter(w) for w in PORTER} == PORTER


def test_morph_stem_uses_wordnet_exceptions_first():
    assert len(exceptions()) == 5930
    # An exception wins over Porter, whatever the case (a later list wins: adv "better").
    assert {w: morph_stem(w) for w in ("were", "Were", "found", "better", "mice", "geese",
                                       "ran")} == {
        "were": "be", "Were": "be", "found": "find", "better": "well", "mice": "mouse",
        "geese": "goose", "ran": "run"}
    # Other words go through Porter, lowercased.
    assert [morph_stem(w) for w in ("Running", "relational", "agreement")] == [
        "run", "relat", "agreem"]


# ------------------------------------------------------ 2. summarizer rouge155


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Path:
    """TOPICS as SPL files with an XML config and a ``-z`` file list for peer 1."""
    root = tmp_path_factory.mktemp("cluster")
    write_config(root / "xml", TOPICS)
    write_file_list(root / "list", TOPICS, "1")
    return root


def test_rouge155_prints_what_the_script_prints(cluster, rouge_oracle, tmp_path):
    config, listing = str(cluster / "xml" / "config.xml"), str(cluster / "list" / "files.txt")
    runs = [
        # every system, per-topic lines, stems, a 90% interval
        (["-a", "-n", "2", "-m", "-d", "-c", "90"], [config]),
        # bundled flags, values attached, a system ID instead of -a, SU4 and a word cut,
        # an unknown option (warned about and skipped, as the script does)
        (["-n2", "-mx", "-k", "-2", "4", "-u", "-l", "30", "-d"], [config, "1"]),
        # stop words, ROUGE-W, a byte cut, the best model, corpus-level counting
        (["-a", "-s", "-w", "1.2", "-b", "150", "-f", "B", "-p", "0.3", "-r", "200",
          "-t", "1", "-d"], [config]),
        # a -z file list (its peer is "X"), raw counts, skip bigrams at any distance
        (["-z", "SPL", "-n", "3", "-2", "-1", "-U", "-t", "2", "-d", "-m"], [listing]),
    ]
    for flags, args in runs:
        # -e is accepted and ignored: the data ships with the package.
        ours = cli("rouge155", "-e", str(tmp_path / "nowhere"), *flags, *args, cwd=tmp_path)
        assert ours.returncode == 0, ours.stderr
        expected = rouge_oracle([*flags, *args])
        assert "Average_R" in expected or "M_count" in expected
        assert ours.stdout == expected, (flags, ours.stdout, expected)
        # Peer 2 has no summary for topic 10: the script's warning, once, on stderr.
        assert ours.stderr.count(MISSING) == ("-a" in flags), ours.stderr
        assert ("Unknown option: k" in ours.stderr) == ("-k" in flags), ours.stderr


def test_rouge155_file_list_takes_the_system_id(cluster, rouge_oracle, tmp_path):
    args = ["-z", "SPL", "-n", "2", "-d", str(cluster / "list" / "files.txt"), "mine"]
    ours = cli("rouge155", *args, cwd=tmp_path)
    assert ours.returncode == 0 and ours.stderr == ""
    assert ours.stdout == rouge_oracle(args)


def test_rouge155_help_and_errors(cluster, rouge_oracle, tmp_path):
    config = cluster / "xml" / "config.xml"
    usage = cli("rouge155", "-h", cwd=tmp_path)
    assert usage.returncode == 0 and usage.stdout.startswith("usage: summarizer rouge155")
    assert "-e DIR" in usage.stdout and "--unicode" in usage.stdout

    broken = tmp_path / "broken.xml"
    broken.write_text('<ROUGE-EVAL version="1.0"><EVAL ID="1"></ROUGE-EVAL>\n')
    lost = tmp_path / "lost"
    write_config(lost, {"1": TOPICS["1"]})
    (lost / "models" / "t0.1.txt").unlink()
    cases = [
        ([], "config file"),
        (["-a", str(tmp_path / "absent.xml")], "Cannot open"),
        (["-a", "-l", "10", "-b", "10", str(config)], "words or bytes but not both"),
        (["-a", "-c", "101", str(config)], "Confidence interval should be within 0 and 100"),
        (["-a", "-n", "1", str(lost / "config.xml")], "Cannot find model summary"),
        (["-a", str(broken)], "not valid XML"),
        ([str(config)], "Please specify a system ID"),
        (["-a", "-r", "0", str(config)], "-r 0"),
    ]
    for args, fragment in cases:
        one_error(cli("rouge155", *args, cwd=tmp_path), fragment)
    # The script fails on the same arguments (-r 0: it divides by zero).
    for args, _ in cases[1:]:
        with pytest.raises(OracleError):
            rouge_oracle(args)


# ------------------------------------------------------------ 3. pyrouge drop-in

PYROUGE_RUN = """\
import json, sys
from pyrouge import Rouge155

out = {}
for name, rouge_dir in (("ours", sys.argv[1]), ("perl", sys.argv[2])):
    rouge = Rouge155(rouge_dir=rouge_dir)
    rouge.system_dir, rouge.model_dir = sys.argv[3], sys.argv[4]
    rouge.system_filename_pattern = r"sys\\.(\\d+)\\.txt"
    rouge.model_filename_pattern = r"ref\\.[A-Z]\\.#ID#\\.txt"
    text = rouge.convert_and_evaluate()
    out[name] = {"text": text, "dict": rouge.output_to_dict(text)}
print(json.dumps(out))
"""


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


def _require_pyrouge() -> None:
    import importlib.util

    if importlib.util.find_spec("pyrouge") is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("pyrouge (the test extra) is required under CI=true")
        pytest.skip("pyrouge is not installed (pip install -e '.[test]')")


def test_pyrouge_drop_in(rouge_oracle, tmp_path, sentinel):
    """pyrouge runs ``<rouge_dir>/ROUGE-1.5.5.pl -e <rouge_dir>/data ... -a -m CONFIG``
    and parses stdout: a two-line shim makes it run ``summarizer rouge155``."""
    _require_pyrouge()
    ours, perl = tmp_path / "ours", tmp_path / "perl"
    for d in (ours, perl):
        d.mkdir()
    (ours / "data").mkdir()
    _executable(ours / "ROUGE-1.5.5.pl",
                f'#!/bin/sh\nexec "{sys.executable}" -m summarizer rouge155 "$@"\n')
    _executable(perl / "ROUGE-1.5.5.pl", f'#!/bin/sh\nexec perl "{rouge_oracle.script}" "$@"\n')
    (perl / "data").symlink_to(rouge_oracle.data_dir, target_is_directory=True)
    systems, models = tmp_path / "systems", tmp_path / "models"
    systems.mkdir()
    models.mkdir()
    for n, topic in enumerate(TOPICS.values(), 1):
        (systems / f"sys.{n}.txt").write_text(topic["peers"]["1"])
        for mid, text in topic["models"].items():
            (models / f"ref.{mid}.{n}.txt").write_text(text)
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp)}
    proc = subprocess.run([sys.executable, "-c", PYROUGE_RUN, str(ours), str(perl),
                           str(systems), str(models)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["ours"]["text"] == out["perl"]["text"]
    got = out["ours"]["dict"]
    assert got == out["perl"]["dict"]
    # pyrouge's default flags: ROUGE-1..4, L, W-1.2, S* and SU*, with -m.
    assert {"rouge_1_recall", "rouge_4_f_score", "rouge_l_precision", "rouge_w_1.2_recall",
            "rouge_s*_recall", "rouge_su*_f_score_ce"} <= set(got)
    assert 0 < got["rouge_1_recall"] < 1
    assert (home / ".pyrouge" / "settings.ini").is_file()
    sentinel.check()


# --------------------------------------------------------- 4. summarizer rouge

FOLDER_TOPICS = {"D1": TOPICS["1"], "D2": TOPICS["2"], "D3": TOPICS["10"]}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> Path:
    """refs/TOPIC.A, refs/TOPIC.B (flat) and nested/TOPIC/{A,B}.txt (one folder per
    topic); sysA and sysB with TOPIC.txt; sysB has no summary for D3."""
    root = tmp_path_factory.mktemp("folders")
    for topic, t in FOLDER_TOPICS.items():
        for mid, text in t["models"].items():
            _write(root / "refs" / f"{topic}.{mid}", text)
            _write(root / "nested" / topic / f"{mid}.txt", text)
        _write(root / "sysA" / f"{topic}.txt", t["peers"]["1"])
        if "2" in t["peers"]:
            _write(root / "sysB" / f"{topic}.txt", t["peers"]["2"])
    return root


def _oracle_topics() -> dict:
    return {topic: {"models": t["models"],
                    "peers": {f"sys{'AB'[int(p) - 1]}": text for p, text in t["peers"].items()}}
            for topic, t in FOLDER_TOPICS.items()}


def test_rouge_folders_equal_the_script(folders, rouge_oracle, tmp_path):
    flags = "-n 2 -m -2 4 -u -l 40 -c 90 -r 300"
    proc = cli("rouge", "--refs", str(folders / "refs"), "--sys", str(folders / "sysA"),
               "--sys", str(folders / "sysB"), "--options", flags, "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    # sysB has no D3: the script's warning, and its averages over D1 and D2 only.
    assert "*ROUGE Warning: test instance for peer sysB does not exist for evaluation D3" \
        in proc.stderr
    config = write_config(tmp_path / "oracle", _oracle_topics())
    expected = rouge_oracle([*flags.split(), "-a", "-d", str(config)])
    averages, topics = perl_averages(expected), perl_topics(expected)
    assert len(averages) == 2 * 4 * 3 and len(topics) == 4 * 5
    for system, metrics in got.items():
        assert list(metrics) == ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"]
        for tag, score in metrics.items():
            for k, field in zip("RPF", ("recall", "precision", "fscore")):
                assert (score[field], *score["interval"][k]) == averages[system, tag, k]
            assert {(system, tag, t): tuple(v) for t, v in score["topics"].items()} == {
                key: v for key, v in topics.items() if key[:2] == (system, tag)}
    # The Python function gives the same numbers.
    refs = {t: list(v["models"].values()) for t, v in FOLDER_TOPICS.items()}
    api = score_texts({t: v["peers"]["1"] for t, v in FOLDER_TOPICS.items()}, refs, flags,
                      system="sysA")
    assert {tag: (s.recall, s.precision, s.fscore) for tag, s in api.items()} == {
        tag: (s["recall"], s["precision"], s["fscore"]) for tag, s in got["sysA"].items()}


def test_rouge_preset_layouts_and_errors(folders, tmp_path):
    preset = cli("rouge", "--refs", str(folders / "refs"), "--sys", str(folders / "sysA"),
                 "--preset", "tac2008", "--json", cwd=tmp_path)
    flags = cli("rouge", "--refs", str(folders / "nested"), "--sys", str(folders / "sysA"),
                "--options", PRESETS["tac2008"], "--json", cwd=tmp_path)
    assert preset.returncode == 0 and flags.returncode == 0, preset.stderr + flags.stderr
    # A preset is its flags; a folder per topic reads as files named TOPIC.anything.
    assert json.loads(preset.stdout) == json.loads(flags.stdout)
    scores = json.loads(preset.stdout)["sysA"]
    assert list(scores) == ["ROUGE-1", "ROUGE-2", "ROUGE-SU4"]
    # Without --json: a table x100 under a line naming the flags.
    table = cli("rouge", "--refs", str(folders / "refs"), "--sys", str(folders / "sysA"),
                "--preset", "tac2008", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert f"--preset tac2008 ({PRESETS['tac2008']})" in table.stdout.splitlines()[0]
    assert f"| sysA | ROUGE-2 | {100 * scores['ROUGE-2']['recall']:.3f} [" in table.stdout

    stray, doubled = tmp_path / "stray", tmp_path / "doubled"
    _write(stray / "D1.txt", "The bridge closed.")
    _write(stray / "D9.txt", "A topic without references.")
    _write(doubled / "D1.txt", "The bridge closed.")
    _write(doubled / "D1.v2.txt", "The bridge closed again.")
    refs = str(folders / "refs")
    for args, fragment in [
        (["--refs", refs, "--sys", str(stray)], "'D9' has no reference"),
        (["--refs", refs, "--sys", str(doubled)], "'D1' has 2 summaries"),
        (["--refs", str(tmp_path / "nothing"), "--sys", str(stray)], "not a folder"),
    ]:
        one_error(cli("rouge", *args, cwd=tmp_path), fragment)


# ------------------------------------------------------------------ 5. harness


def test_duc_155_protocol_in_the_harness(rouge_oracle, tmp_path, sentinel):
    report = tmp_path / "report"
    env = {**os.environ, "SUMMARIZER_CACHE": str(tmp_path / "cache")}
    proc = cli("evaluate", "--dataset", "harbor-bridge", "--systems", "lead", "--protocol",
               "duc-1.5.5", "--report", str(report), "--no-cache", cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    sentinel.check()
    flags = PROTOCOLS["duc-1.5.5"].flags
    results = json.loads((report / "results.json").read_text())
    assert results["protocol"]["name"] == "duc-1.5.5"
    assert results["protocol"]["flags"] == flags
    assert "duc-1.5.5" in (report / "results.md").read_text()
    assert flags in (report / "results.md").read_text()

    # The script on the summary the report kept and the dataset's references, with the
    # protocol's flags: its per-topic recall x100 is the cluster's score.
    summary = report / "summaries" / "lead" / "harbor-bridge.txt"
    refs = sorted(Path(p) for p in results["dataset"]["files"] if "/references/" in p)
    assert len(refs) == 2
    topics = {"harbor-bridge": {"models": {chr(65 + i): r.read_text(encoding="utf-8")
                                           for i, r in enumerate(refs)},
                                "peers": {"lead": summary.read_text(encoding="utf-8")}}}
    config = write_config(tmp_path / "oracle", topics)
    expected = perl_topics(rouge_oracle([*flags.split(), "-d", str(config), "lead"]))
    with open(report / "clusters.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1 and rows[0]["cluster"] == "harbor-bridge"
    for metric, tag in (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2")):
        perl = 100 * expected["lead", tag, "harbor-bridge"][0]
        assert perl > 0
        assert float(rows[0][metric]) == pytest.approx(perl, abs=5e-5)
        assert results["systems"]["lead"]["metrics"][metric]["mean"] == pytest.approx(
            perl, abs=1e-9)


# ----------------------------------------------------------- 6. --unicode


GREEK = {"ref": "Η γέφυρα έκλεισε το πρωί.", "sys": "Η γέφυρα άνοιξε το βράδυ."}
RUSSIAN = {"ref": "Мост закрыли утром во вторник.", "sys": "Мост открыли вечером во вторник."}


def test_unicode_tokens_are_an_explicit_extension(rouge_oracle, tmp_path):
    # Greek, through the Python function: 3 of the reference's 5 words.
    exact = score_texts({"t": GREEK["sys"]}, {"t": [GREEK["ref"]]}, "-n 1 -x")
    wide = score_texts({"t": GREEK["sys"]}, {"t": [GREEK["ref"]]}, "-n 1 -x --unicode")
    assert exact["ROUGE-1"].recall == 0
    assert wide["ROUGE-1"].recall == pytest.approx(0.6)

    # Russian, through the folder command; the script itself scores it 0.
    _write(tmp_path / "refs" / "t1.A", RUSSIAN["ref"])
    _write(tmp_path / "sys" / "t1.txt", RUSSIAN["sys"])
    base = ["rouge", "--refs", str(tmp_path / "refs"), "--sys", str(tmp_path / "sys"),
            "--options", "-n 1 -x", "--json"]
    plain, unicode = cli(*base, cwd=tmp_path), cli(*base, "--unicode", cwd=tmp_path)
    assert plain.returncode == 0 and unicode.returncode == 0, plain.stderr + unicode.stderr
    assert json.loads(plain.stdout)["sys"]["ROUGE-1"]["recall"] == 0
    # мост, во, вторник: 3 of 5.
    assert json.loads(unicode.stdout)["sys"]["ROUGE-1"]["recall"] == pytest.approx(0.6)
    config = write_config(tmp_path / "oracle", {"t1": {"models": {"A": RUSSIAN["ref"]},
                                                       "peers": {"sys": RUSSIAN["sys"]}}})
    assert perl_averages(rouge_oracle(["-n", "1", "-x", str(config), "sys"])) == {
        ("sys", "ROUGE-1", k): (0.0, 0.0, 0.0) for k in "RPF"}
