"""benchmarks/truncated_dev.py: the truncated, lowercased form of a Multi-News record."""

import runpy

from conftest import REPO

truncate_cluster = runpy.run_path(str(REPO / "benchmarks" / "truncated_dev.py"))["truncate_cluster"]

RECORD = {
    "id": "x",
    "document": ("Harbor Bridge reopened on Friday. NEWLINE_CHAR Mayor Lena Ortiz thanked the "
                 "divers of Port Alder. ||||| ||||| The Coastal Wire said traffic was light. "
                 "Drivers returned slowly."),
    "summary": "– The bridge reopened.",
}


def test_each_article_gets_an_equal_share_and_empty_ones_are_dropped():
    out = truncate_cluster(RECORD, budget=10)
    docs = out["document"].split(" ||||| ")
    assert len(docs) == 2 and [len(d.split()) for d in docs] == [5, 5]
    assert "NEWLINE_CHAR" not in out["document"]
    assert out["summary"] == RECORD["summary"] and out["id"] == "x"


def test_lowercased_except_sentence_starts():
    out = truncate_cluster(RECORD, budget=100)
    first = out["document"].split(" ||||| ")[0]
    assert first == "Harbor bridge reopened on friday. Mayor lena ortiz thanked the divers of port alder."
