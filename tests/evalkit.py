"""Invented news clusters and file writers for the evaluation-harness tests.

Every sentence here was written for these tests (made-up towns and events); nothing is
copied from ../shared/data. Each cluster has three dated articles of five sentences and
two independently phrased references of roughly 50 words.
"""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.documents import Article, Cluster, Reference


def _doc(did: str, date: str, title: str, *sentences: str) -> dict:
    return {"id": did, "date": date, "title": title, "text": "\n".join(sentences)}


CLUSTERS: list[dict] = [
    {"id": "millbrook-fire", "documents": [
        _doc("mc-1", "2024-04-02", "Fire guts Millbrook library wing",
             "A fire broke out at the Millbrook public library late on Monday night, destroying "
             "much of the children's wing.",
             "Firefighters from three stations fought the blaze for four hours before bringing "
             "it under control.",
             "No one was inside the building when the fire started, the fire chief said.",
             "Investigators believe faulty wiring in a storage room caused the fire.",
             "The library had reopened only last spring after a two year renovation."),
        _doc("vp-1", "2024-04-03", "Residents rally after library fire",
             "Millbrook residents gathered on Tuesday outside the burned library to offer help.",
             "The fire on Monday night destroyed about twelve thousand books, according to the "
             "head librarian.",
             "Volunteers have started a donation drive to replace the lost children's books.",
             "The town council will hold an emergency meeting on Thursday to discuss rebuilding.",
             "The library's rare local history archive survived in a fireproof basement vault."),
        _doc("rw-1", "2024-04-05", "Wiring blamed for Millbrook fire",
             "Fire investigators confirmed on Friday that faulty wiring caused the Millbrook "
             "library fire.",
             "The blaze on Monday destroyed the children's wing and about twelve thousand books.",
             "The town council voted on Thursday to rebuild the wing within eighteen months.",
             "Insurance is expected to cover most of the estimated cost of two million dollars.",
             "Meanwhile a temporary library will open in the old post office next month."),
    ], "references": [
        {"id": "A", "text": "A Monday night fire destroyed the children's wing of the Millbrook "
                            "public library and about twelve thousand books. No one was hurt. "
                            "Investigators blamed faulty wiring in a storage room. The local "
                            "history archive survived in a basement vault. The town council "
                            "voted to rebuild within eighteen months, and a temporary library "
                            "will open in the old post office."},
        {"id": "B", "text": "Faulty wiring started a blaze that gutted part of Millbrook's "
                            "library; firefighters from three stations needed four hours to "
                            "control it. Residents began a book donation drive. Insurance should "
                            "pay most of the two million dollar repair bill, and councillors "
                            "approved rebuilding the wing."},
    ]},
    {"id": "kestrel-dam", "documents": [
        _doc("kd-1", "2023-08-14", "Cracks found in Kestrel Valley dam",
             "Engineers found cracks in the Kestrel Valley dam during a routine inspection on "
             "Sunday.",
             "Authorities lowered the reservoir by three meters as a precaution.",
             "Residents of two villages below the dam were told to prepare for a possible "
             "evacuation.",
             "The dam was built in 1962 and supplies water to about sixty thousand people.",
             "Officials said there was no immediate danger of a collapse."),
        _doc("kd-2", "2023-08-15", "Kestrel Valley rations water",
             "Water rationing began in Kestrel Valley on Tuesday after the reservoir was lowered.",
             "Households may water gardens only on weekends under the new rules.",
             "The regional water board said the cracks in the dam were shallow but needed urgent "
             "repair.",
             "Farmers warned that the rationing could hurt the late summer harvest.",
             "Repair crews are expected to arrive from the capital by the end of the week."),
        _doc("kd-3", "2023-08-20", "Dam repairs begin",
             "Repairs to the cracked Kestrel Valley dam started on Saturday and should take six "
             "weeks.",
             "The two villages below the dam will not need to be evacuated, the water board said.",
             "Rationing will stay in place until the reservoir is refilled in the autumn.",
             "The repairs will cost about four million dollars, paid by the national government.",
             "An independent review of all dams built before 1970 was announced."),
    ], "references": [
        {"id": "A", "text": "A routine inspection found cracks in the 1962 Kestrel Valley dam. "
                            "The reservoir was lowered three meters and two villages were told "
                            "to prepare to leave, but officials said there was no immediate "
                            "danger. Water rationing began, worrying farmers. Six weeks of "
                            "repairs costing four million dollars started on Saturday, and a "
                            "national review of older dams was announced."},
        {"id": "B", "text": "Cracks in the Kestrel Valley dam led authorities to drain part of "
                            "the reservoir and ration water for sixty thousand people. Villagers "
                            "below the dam were warned but will not be evacuated. The government "
                            "will pay for repairs, which began within a week."},
    ]},
    {"id": "northgate-marathon", "documents": [
        _doc("nm-1", "2024-06-09", "Heat fells marathon runners",
             "More than forty runners were treated for heat exhaustion at the Northgate marathon "
             "on Sunday.",
             "Temperatures reached thirty four degrees by midday, far above the forecast.",
             "Organizers added extra water stations along the second half of the course.",
             "Six runners were taken to hospital, and all were in stable condition on Sunday "
             "evening.",
             "The race was won by local teacher Mara Quinlan in two hours and thirty one "
             "minutes."),
        _doc("nm-2", "2024-06-10", "Marathon start time criticised",
             "Northgate marathon organizers faced criticism on Monday for starting the race at "
             "ten in the morning.",
             "Runners said the late start left them running through the hottest part of the day.",
             "The race director said the start time was set two years ago to suit road closures.",
             "Six runners remained in hospital overnight but were expected to go home on Monday.",
             "City officials promised a review of safety plans for all summer races."),
        _doc("nm-3", "2024-06-12", "Earlier start for Northgate marathon",
             "The Northgate marathon will start at seven in the morning from next year, "
             "organizers said on Wednesday.",
             "The change follows Sunday's race, when more than forty runners needed treatment "
             "for heat exhaustion.",
             "All six runners who went to hospital have now been released.",
             "The city will also require shaded medical tents every five kilometers.",
             "Winner Mara Quinlan said she supported the earlier start."),
    ], "references": [
        {"id": "A", "text": "Heat hit the Northgate marathon on Sunday: with temperatures of "
                            "thirty four degrees, more than forty runners were treated for heat "
                            "exhaustion and six went to hospital, all later released. Critics "
                            "blamed the ten o'clock start. Organizers will start next year's "
                            "race at seven in the morning and add shaded medical tents. Mara "
                            "Quinlan won the race."},
        {"id": "B", "text": "More than forty Northgate marathon runners suffered heat exhaustion "
                            "in thirty four degree heat. After criticism of the late morning "
                            "start, organizers moved next year's start to seven o'clock and the "
                            "city ordered better medical cover for summer races."},
    ]},
    {"id": "orchard-frost", "documents": [
        _doc("of-1", "2025-04-22", "Frost damages apple blossoms",
             "A late frost on Saturday night damaged apple blossoms across Orchard County, "
             "growers said.",
             "Temperatures fell to minus four degrees in the valley for several hours.",
             "Some growers lit fires and ran wind machines through the night to protect their "
             "trees.",
             "Early estimates suggest a third of this year's apple crop may be lost.",
             "The county agriculture office began surveying orchards on Monday."),
        _doc("of-2", "2025-04-24", "County seeks farm disaster status",
             "Orchard County asked the state on Wednesday to declare a farm disaster after the "
             "weekend frost.",
             "A disaster declaration would allow growers to apply for low interest loans.",
             "The county survey found heavy blossom damage on more than two hundred farms.",
             "Seasonal workers fear there will be fewer picking jobs in the autumn.",
             "Cider makers said they may need to buy apples from other regions this year."),
        _doc("of-3", "2025-04-28", "State declares farm disaster",
             "The state declared a farm disaster in Orchard County on Monday because of the "
             "April frost.",
             "Growers can now apply for loans and emergency grants to cover lost income.",
             "Officials said about a third of the county's apple crop was destroyed.",
             "Apple prices in local markets are expected to rise by the end of the summer.",
             "Growers said they would invest in more wind machines before next spring."),
    ], "references": [
        {"id": "A", "text": "A late April frost, with temperatures down to minus four degrees, "
                            "destroyed about a third of Orchard County's apple crop despite "
                            "growers' fires and wind machines. More than two hundred farms were "
                            "damaged. The state declared a farm disaster on Monday, opening "
                            "loans and emergency grants to growers, and apple prices are "
                            "expected to rise."},
        {"id": "B", "text": "Frost damaged apple blossoms on over two hundred Orchard County "
                            "farms, costing a third of the harvest. After a county request, the "
                            "state declared a farm disaster so growers can borrow at low "
                            "interest. Pickers and cider makers expect a lean autumn."},
    ]},
]

# A cluster whose every article is too short to survive cleaning (min_article_words=20):
# the pipeline cannot summarize it, but it has references, so it can be scored (as 0).
EMPTY_AFTER_CLEANING = {
    "id": "only-boilerplate",
    "documents": [{"id": "x1", "text": "Share this story."},
                  {"id": "x2", "text": "Click here to subscribe to our newsletter."}],
    "references": [{"id": "A", "text": "A bridge in Fernhill closed for repairs on Monday."}],
}


def record_of(cluster: Cluster) -> dict:
    return {"id": cluster.id,
            "documents": [{"id": a.id, "date": a.date, "title": a.title, "text": a.text}
                          for a in cluster.articles],
            "references": [{"id": r.id, "text": r.text} for r in cluster.references]}


def as_cluster(record: dict) -> Cluster:
    """A record above as a :class:`Cluster` (what the unified reader should return)."""
    return Cluster(record["id"],
                   [Article(d["id"], d["text"], title=d.get("title", ""), date=d.get("date"))
                    for d in record["documents"]],
                   [Reference(r["id"], r["text"]) for r in record["references"]])


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def write_unified(path: Path, records: list[dict] | None = None) -> Path:
    return write_jsonl(path, CLUSTERS if records is None else records)


def write_named(root: Path, name: str = "duc2003", records: list[dict] | None = None) -> Path:
    """The shared-data layout of a named unified dataset under ``root`` (point
    ``SUMMARIZER_DATA`` at ``root``)."""
    return write_unified(root / name / "clusters.jsonl", records)


def write_folders(root: Path, records: list[dict] | None = None) -> Path:
    """One folder per cluster: ``<id>/<nn>-<article>.txt`` (title, date line, text) and
    ``<id>/references/<ref>.txt``."""
    for rec in CLUSTERS if records is None else records:
        folder = root / rec["id"]
        (folder / "references").mkdir(parents=True, exist_ok=True)
        for k, d in enumerate(rec["documents"]):  # numbered: read back in this order
            head = f"{d['title']}\n{d['date']}\n\n" if d.get("title") else ""
            (folder / f"{k:02d}-{d['id']}.txt").write_text(head + d["text"] + "\n",
                                                          encoding="utf-8")
        for r in rec["references"]:
            (folder / "references" / f"{r['id']}.txt").write_text(r["text"] + "\n",
                                                                   encoding="utf-8")
    return root
