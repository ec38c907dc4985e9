"""Evaluation datasets: the readers on small files written here, named datasets, digests,
and (with ../shared/data) the real sets' cluster counts."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import EXAMPLE, require_shared
from evalkit import CLUSTERS, write_folders, write_jsonl, write_named, write_unified
from summarizer.evaluation.protocols import PROTOCOLS
from summarizer.errors import InputError
from summarizer.evaluation.datasets import NAMED, REPO, DatasetMissing, load_dataset


def test_unified_jsonl_two_clusters_with_several_references(tmp_path):
    path = write_unified(tmp_path / "tiny.jsonl", CLUSTERS[:2])
    ds = load_dataset(str(path))
    assert ds.name == "tiny" and ds.protocol is None and ds.config is None
    assert [c.id for c in ds.clusters] == ["millbrook-fire", "kestrel-dam"]
    for cluster, record in zip(ds.clusters, CLUSTERS):
        assert [r.id for r in cluster.references] == ["A", "B"]
        assert [r.text for r in cluster.references] == [r["text"] for r in record["references"]]
        assert [a.id for a in cluster.articles] == [d["id"] for d in record["documents"]]
        assert [a.date for a in cluster.articles] == [d["date"] for d in record["documents"]]
        assert cluster.articles[0].text == record["documents"][0]["text"]
        assert cluster.articles[0].title == record["documents"][0]["title"]


def test_unified_references_as_plain_strings_and_empty_documents(tmp_path):
    record = {"id": "plain", "documents": [
        {"id": "d1", "text": CLUSTERS[0]["documents"][0]["text"]},
        {"id": "d2", "text": "   "},  # empty: dropped
        CLUSTERS[0]["documents"][1]["text"],  # a bare string is a document too
    ], "references": ["First reference text.", "  ", "Second reference text."]}
    ds = load_dataset(str(write_jsonl(tmp_path / "p.jsonl", [record])))
    (cluster,) = ds.clusters
    assert [a.id for a in cluster.articles] == ["d1", "2"]
    assert [(r.id, r.text) for r in cluster.references] == [
        ("0", "First reference text."), ("2", "Second reference text.")]


def test_multinews_raw_format(tmp_path):
    first = ("Crews reopened the Fernhill bridge on Friday after three weeks of repairs. "
             "NEWLINE_CHAR NEWLINE_CHAR The mayor cut a ribbon at noon.NEWLINE_CHARTraffic "
             "returned within the hour.")
    third = "Commuters said the detour through Ashby had doubled their journeys."
    record = {"id": "mn-1",
              "document": f"{first} |||||  ||||| {third}",
              "summary": "– The Fernhill bridge reopened on Friday – three weeks after it "
                         "closed. NEWLINE_CHAR Commuters welcomed the end of the detour."}
    other = {"id": "mn-2", "document": f"{third} ||||| {first}",
             "summary": "Commuters in Ashby are relieved."}
    ds = load_dataset(str(write_jsonl(tmp_path / "mn.jsonl", [record, other])))
    c = ds.clusters[0]
    assert c.id == "mn-1"
    assert [a.id for a in c.articles] == ["0", "2"]  # the empty middle article is dropped
    assert c.articles[0].text == ("Crews reopened the Fernhill bridge on Friday after three "
                                  "weeks of repairs.\n\nThe mayor cut a ribbon at noon.\n"
                                  "Traffic returned within the hour.")
    assert c.articles[1].text == third
    assert all("NEWLINE_CHAR" not in a.text and "|||||" not in a.text for a in c.articles)
    (ref,) = c.references
    # The leading en dash goes; the one inside the sentence stays.
    assert ref.text == ("The Fernhill bridge reopened on Friday – three weeks after it closed."
                        "\nCommuters welcomed the end of the detour.")
    assert ds.clusters[1].references[0].text == "Commuters in Ashby are relieved."


def test_folder_per_cluster_with_references(tmp_path):
    root = write_folders(tmp_path / "set", CLUSTERS[:3])
    (root / "kestrel-dam" / "notes.bin").write_bytes(b"\x00\x01")  # not an article file
    ds = load_dataset(str(root))
    assert ds.name == "set"
    assert sorted(c.id for c in ds.clusters) == sorted(r["id"] for r in CLUSTERS[:3])
    for c in ds.clusters:
        record = next(r for r in CLUSTERS if r["id"] == c.id)
        assert [r.id for r in c.references] == ["A", "B"]
        assert [r.text for r in c.references] == [r["text"] for r in record["references"]]
        assert [a.title for a in c.articles] == [d["title"] for d in record["documents"]]
        assert [a.date for a in c.articles] == [d["date"] for d in record["documents"]]
        assert [a.text for a in c.articles] == [d["text"] for d in record["documents"]]


def test_a_cluster_without_references_is_an_error_naming_it(tmp_path):
    records = [CLUSTERS[0], {**CLUSTERS[1], "references": []}, CLUSTERS[2]]
    with pytest.raises(InputError, match="kestrel-dam") as err:
        load_dataset(str(write_unified(tmp_path / "x.jsonl", records)))
    assert "millbrook-fire" not in str(err.value) and "1 cluster" in str(err.value)
    root = write_folders(tmp_path / "folders", CLUSTERS[:2])
    shutil.rmtree(root / "millbrook-fire" / "references")
    with pytest.raises(InputError, match="millbrook-fire"):
        load_dataset(str(root))


def test_duplicate_cluster_ids_are_an_error(tmp_path):
    with pytest.raises(InputError, match="not unique"):
        load_dataset(str(write_unified(tmp_path / "d.jsonl", [CLUSTERS[0], CLUSTERS[0]])))


def test_unknown_name_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="neither a known name") as err:
        load_dataset("duc2099")
    assert "duc2003" in str(err.value)  # it lists the names it knows
    assert not isinstance(err.value, DatasetMissing)


def test_limit_keeps_the_first_clusters(tmp_path):
    ds = load_dataset(str(write_unified(tmp_path / "t.jsonl")), limit=2)
    assert [c.id for c in ds.clusters] == ["millbrook-fire", "kestrel-dam"]


def test_named_dataset_resolves_under_summarizer_data(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_DATA", str(tmp_path))
    write_named(tmp_path, "duc2003")
    ds = load_dataset("duc2003")
    assert ds.name == "duc2003" and ds.protocol == "duc"
    assert ds.config.resolve() == (REPO / "configs" / "duc.yaml").resolve() and ds.config.exists()
    assert ds.path == tmp_path / "duc2003" / "clusters.jsonl"
    assert len(ds.clusters) == len(CLUSTERS)
    write_jsonl(tmp_path / "multinews-dev" / "dev.jsonl", [
        {"id": "m", "document": CLUSTERS[0]["documents"][0]["text"], "summary": "– A fire."}])
    mn = load_dataset("multinews-dev")
    assert mn.protocol == "multinews" and mn.config.name == "multinews.yaml"
    assert mn.clusters[0].references[0].text == "A fire."


def test_named_dataset_missing_is_dataset_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(DatasetMissing, match="SUMMARIZER_DATA") as err:
        load_dataset("tac2011-en")
    assert isinstance(err.value, InputError)
    assert "tac2011-en/clusters.jsonl" in str(err.value)


def test_every_named_dataset_has_a_protocol_and_an_existing_config():
    for named in NAMED.values():
        assert named.protocol in PROTOCOLS
        assert (REPO / "configs" / named.config).exists(), named.name


def test_digest_changes_when_a_file_changes_and_only_then(tmp_path):
    path = write_unified(tmp_path / "a" / "set.jsonl")
    first = load_dataset(str(path))
    assert first.digest and set(first.files) == {str(path)}
    path.write_text(path.read_text())  # same bytes
    assert load_dataset(str(path)).digest == first.digest
    # The same files elsewhere: same digest (cached results carry over).
    copy = write_unified(tmp_path / "b" / "set.jsonl")
    assert load_dataset(str(copy)).digest == first.digest
    records = json.loads(path.read_text().splitlines()[0])
    records["references"][0]["text"] += " One more sentence."
    write_unified(path, [records] + CLUSTERS[1:])
    assert load_dataset(str(path)).digest != first.digest


def test_folder_digest_covers_reference_files(tmp_path):
    root = write_folders(tmp_path / "set", CLUSTERS[:2])
    before = load_dataset(str(root)).digest
    ref = root / "kestrel-dam" / "references" / "B.txt"
    ref.write_text(ref.read_text() + "An extra sentence.\n")
    assert load_dataset(str(root)).digest != before


def test_harbor_bridge_loads_two_references_without_shared_data(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_DATA", str(tmp_path / "nowhere"))
    ds = load_dataset("harbor-bridge")
    assert ds.path.resolve() == EXAMPLE.resolve() and ds.protocol == "duc"
    (cluster,) = ds.clusters
    assert len(cluster.references) == 2 and len(cluster.articles) == 5


@pytest.mark.shared
@pytest.mark.parametrize("name,clusters,refs", [
    ("duc2003", 30, 4), ("duc2006", 50, 4), ("tac2011-en", 10, 3), ("multinews-dev", 100, 1),
    ("seed-cluster", 1, 3),
])
def test_shared_named_datasets_load(name, clusters, refs, monkeypatch):
    monkeypatch.delenv("SUMMARIZER_DATA", raising=False)
    require_shared(NAMED[name].path)
    ds = load_dataset(name)
    assert len(ds.clusters) == clusters
    assert all(len(c.references) == refs for c in ds.clusters)
    assert all(c.articles for c in ds.clusters)
    if name == "seed-cluster":
        assert ds.clusters[0].id == "seed-cluster" and len(ds.clusters[0].articles) == 5
