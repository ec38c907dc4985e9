"""Golden tests of the boilerplate cleaner on text written for these tests.

Both directions are checked: boilerplate lines are dropped under the expected rule, and
real sentences that merely look like boilerplate (they mention sharing, printing,
photos, cookies, newsletters ...) are kept.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.ingest.clean import clean_article, clean_cluster, clean_text, line_rule
from summarizer.config import CleanConfig
from summarizer.documents import Article, Cluster, Dropped, Reference
from conftest import require_shared

# ----------------------------------------------------------------------------- golden

STORY = """\
Harbor bridge reopens after repairs

PORTVILLE, Ore. (AP) _ The Harbor Street bridge reopened to traffic on Friday after eight months of repairs, city officials said.
Adjust Comment Print
Share this:
Facebook
Twitter

Engineers replaced the corroded steel beams and repaved the deck, which carries about 30,000 vehicles a day.

In this Wednesday, March 4, 2020, photo provided by the City of Portville, workers lift a new beam into place on the Harbor Street bridge in Portville, Ore.

The mayor said the project finished two weeks early and slightly under its budget of $41 million.
More news: Local bakery wins regional pastry award
More news: High school robotics team heads to nationals
Read more: Ten things to do this weekend

Drivers had used a detour through the industrial district while the bridge was closed.
(Photo: Jane Rivera/Portville Daily)
Photo by Tom Becker/Getty Images
Advertisement
Sign up for our daily newsletter to get the top stories delivered to your inbox.
We use cookies to improve your experience. By continuing to use this site you accept our cookie policy.

Starting in 2001, a web crawler has been donating its crawl data to the Internet Archive; these data are added to the Wayback Machine.
Copyright 2020 The Associated Press. All rights reserved.
This article was originally published by the Portville Daily.
Leave a Reply
Your email address will not be published. Required fields are marked *
Send this to a friend
"""

EXPECTED = """\
The Harbor Street bridge reopened to traffic on Friday after eight months of repairs, city officials said.

Engineers replaced the corroded steel beams and repaved the deck, which carries about 30,000 vehicles a day.

The mayor said the project finished two weeks early and slightly under its budget of $41 million.

Drivers had used a detour through the industrial district while the bridge was closed."""

EXPECTED_RULES = [
    ("Harbor bridge reopens after repairs", "title"),
    ("Adjust Comment Print", "share-ui"),
    ("Share this:", "share-ui"),
    ("Facebook", "share-ui"),
    ("Twitter", "share-ui"),
    ("In this Wednesday, March 4, 2020, photo provided by", "caption"),
    ("More news: Local bakery", "teaser"),
    ("More news: High school", "teaser"),
    ("Read more: Ten things", "teaser"),
    ("(Photo: Jane Rivera/Portville Daily)", "credit"),
    ("Photo by Tom Becker/Getty Images", "credit"),
    ("Advertisement", "advertisement"),
    ("Sign up for our daily newsletter", "newsletter"),
    ("We use cookies", "cookie"),
    ("Starting in 2001, a web crawler", "crawler-note"),
    ("Copyright 2020 The Associated Press", "copyright"),
    ("This article was originally published", "syndication"),
    ("Leave a Reply", "comment-ui"),
    ("Your email address will not be published", "comment-ui"),
    ("Send this to a friend", "share-ui"),
    ("PORTVILLE, Ore. (AP) _", "dateline"),
]


def _article(text: str, title: str = "", id: str = "a1") -> Article:
    return Article(id=id, text=text, title=title)


def test_golden_article():
    title, body = STORY.split("\n", 1)
    # the title is repeated as the first body line, as some sites do
    article = _article(title + "\n" + body, title=title)
    cleaned, dropped = clean_article(article)
    assert cleaned.text == EXPECTED
    assert cleaned.title == title and cleaned.id == "a1"
    got = [(d.text, d.rule) for d in dropped]
    assert len(got) == len(EXPECTED_RULES), got
    for (text, rule), (prefix, want) in zip(sorted(got), sorted(EXPECTED_RULES)):
        assert text.startswith(prefix) and rule == want, (text, rule, prefix, want)
    assert all(d.article_id == "a1" for d in dropped)


def test_dropped_pieces_come_from_the_input():
    cleaned, dropped = clean_article(_article(STORY))
    flat = " ".join(STORY.split())
    for d in dropped:
        assert d.text in flat


# ----------------------------------------------------------------------------- rules

BOILERPLATE = [
    ("Adjust Comment Print", "share-ui"),
    ("Share this:", "share-ui"),
    ("Share on Facebook", "share-ui"),
    ("Tweet", "share-ui"),
    ("Email", "share-ui"),
    ("Print", "share-ui"),
    ("Comments", "share-ui"),
    ("12 Comments", "comment-ui"),
    ("Share Tweet Pin Email", "share-ui"),
    ("SHARE THIS ARTICLE Share Tweet Post Email", "share-ui"),
    ("Click to share on LinkedIn (Opens in new window)", "share-ui"),
    ("Click to print (Opens in new window)", "share-ui"),
    ("Follow us on Facebook, Twitter and Instagram!", "share-ui"),
    ("Like this: Like Loading...", "share-ui"),
    ("Send this to a friend", "share-ui"),
    ("Tweet with a location", "share-ui"),
    ("Leave a Reply", "comment-ui"),
    ("Leave a comment", "comment-ui"),
    ("Your email address will not be published.", "comment-ui"),
    ("Comments are closed.", "comment-ui"),
    ("View 87 comments", "comment-ui"),
    ("Join the conversation", "comment-ui"),
    ("More news: Council approves new parking rules downtown", "teaser"),
    ("Related Articles", "teaser"),
    ("Related stories:", "teaser"),
    ("RELATED: How the river flood changed one town", "teaser"),
    ("Read more: Five ways to save on groceries", "teaser"),
    ("Read More:", "teaser"),
    ("Also read: Why tomatoes split after rain", "teaser"),
    ("SEE ALSO: The best hiking trails near the coast", "teaser"),
    ("Recommended", "teaser"),
    ("More from Example News", "teaser"),
    ("You may also like", "teaser"),
    ("■ Related: Schools extend winter break", "teaser"),
    ("(WATCH: Mayor answers questions on transit plan)", "teaser"),
    ("Read more about: Budget, Transit, City Council", "teaser"),
    ("Orchard owners count frost losses Read more", "teaser"),
    ("Related Museum Reopens Its Dinosaur Hall", "teaser"),
    ("In this Tuesday, Feb. 11, 2020, photo, a farmer checks young wheat in a field near Salina, Kan.", "caption"),
    ("FILE - In this Oct. 2, 2018, file photo, a ferry leaves the harbor in Seattle. The state plans to add two boats. (AP Photo/Jo Smith, File)", "caption"),
    ("In this image released by the Parks Service, a bear cub climbs a pine tree.", "caption"),
    ("This undated photo provided by the county sheriff shows the missing hiker.", "caption"),
    ("Firefighters spray water on a burning warehouse on Monday. (Kim Lee/Getty Images)", "caption"),
    ("Protesters gather outside the court in Lagos, Nigeria, Jan. 9, 2020. REUTERS/Ann Okafor/File Photo", "caption"),
    ("Image copyright Getty Images Image caption The mayor spoke at the opening", "caption"),
    ("toggle caption Jo Smith/AP", "caption"),
    ("(Photo: Jane Rivera, Daily Star)", "credit"),
    ("Photo by Tom Becker/Getty Images", "credit"),
    ("Photo: City of Portville", "credit"),
    ("Getty Images", "credit"),
    ("AP Photo/Jo Smith", "credit"),
    ("Image copyright EPA", "credit"),
    ("(European Pressphoto Agency)", "credit"),
    ("By Maria Gomez and Tom Becker", "credit"),
    ("By Lee Park of the Harbor Gazette", "credit"),
    ("Associated Press writer Ann Miller in Chicago contributed to this report.", "credit"),
    ("(Reporting by Sam Ortiz; Editing by Lee Park)", "credit"),
    ("With files from The Canadian Press", "credit"),
    ("Starting in 1999, Example Crawler has been donating crawl data to the Internet Archive. These data are added to the Wayback Machine after an embargo period.", "crawler-note"),
    ("This collection holds web captures made with Archive-It for the Internet Archive.", "crawler-note"),
    ("Sign up for our newsletter", "newsletter"),
    ("Subscribe to our morning briefing", "newsletter"),
    ("Get the latest headlines delivered to your inbox every morning.", "newsletter"),
    ("Thanks for subscribing!", "newsletter"),
    ("We use cookies to give you the best experience on our website.", "cookie"),
    ("This site uses cookies. By continuing to browse you agree to our use of cookies.", "cookie"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Continue reading the main story", "advertisement"),
    ("Copyright 2019 The Associated Press. All rights reserved.", "copyright"),
    ("© 2020 Harbor Media Group", "copyright"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
    ("This article was originally published on The Conversation.", "syndication"),
    ("This story originally appeared in the Valley Herald.", "syndication"),
    ("Originally published on Example.com.", "syndication"),
    ("Follow Ann Miller on Twitter", "social"),
    ("Write to Ann Miller at ann.miller@example.com", "contact"),
    ("amiller@example.com", "contact"),
    ("Back to top", "nav"),
    ("Please enable JavaScript to watch this video", "media-ui"),
    ("Your browser does not support the audio element.", "media-ui"),
    ("___", "separator"),
    ("* * *", "separator"),
    ("UPDATE:", "heading"),
    ("LATEST HEADLINES", "teaser"),
    ("Wednesday, March 4, 2020", "date"),
    ("Bloomberg", "fragment"),
]


@pytest.mark.parametrize("line,rule", BOILERPLATE)
def test_boilerplate_line_is_dropped(line, rule):
    assert line_rule(line) == rule


REAL = [
    "Shares of the company fell 4 percent after the announcement.",
    "She said she would share the prize money with her two sisters.",
    "The committee voted to print 2,000 more copies of the report.",
    "He declined to comment on the investigation.",
    "Comments made by the minister on Tuesday drew criticism from farmers.",
    "The tweet was deleted an hour later.",
    "Facebook and Twitter suspended the account on Monday.",
    "Twitter shares rose after the earnings report.",
    "More news is expected when the court reconvenes on Monday.",
    "Related charges were filed against two other men.",
    "Read more carefully, the letter suggests the deal is not final.",
    "Recommended doses vary by age, the agency said.",
    "The photo shows the senator shaking hands with the suspect.",
    "The photos show the boat listing badly before it sank.",
    "In this case, the video shows officers waiting outside.",
    "In a statement released with a video, the ministry denied the report.",
    "The photographer, who asked not to be named, said the image was taken at dawn.",
    "By Tuesday, the storm had moved out to sea.",
    "By Monday the river had dropped below flood stage.",
    "Copyright lawyers say the ruling could affect thousands of songs.",
    "Cookies and cakes were sold to raise money for the shelter.",
    "More than 1,000 residents signed up for the program last year.",
    "The newsletter, founded in 1990, has 5,000 readers.",
    "The company said subscribers would not be charged twice.",
    "Facebook changed its privacy policy on Tuesday, angering users.",
    "The Internet Archive said it had received a court summons on Monday.",
    "Officials said the advertisement ran in three newspapers.",
    "Leave was granted to appeal the decision.",
    "The email was sent to all staff on Friday.",
    "Print sales dropped for the fifth year in a row.",
    "Follow-up tests came back negative.",
    "Starting in 1996, the company donated books to schools.",
    "Photographs of the crash site were shown to the jury.",
    "The agency said the project would be finished in May.",
    "US-China trade talks resumed on Monday in Beijing.",
    "More from the interview appears below.",
    "Video shows the suspect fleeing the scene.",
    "Watch the skies tonight for the meteor shower.",
    "Link to the report was posted online.",
]


@pytest.mark.parametrize("line", REAL)
def test_real_sentence_is_kept(line):
    assert line_rule(line) is None
    text, dropped = clean_text(line)
    assert text == line and dropped == []


# ----------------------------------------------------------------------------- datelines

DATELINES = [
    ("LONDON (AP) _ Lawmakers voted on Monday.", "LONDON (AP) _", "Lawmakers voted on Monday."),
    ("WASHINGTON (Reuters) - The Senate passed the bill.", "WASHINGTON (Reuters) -", "The Senate passed the bill."),
    ("BEIJING, Jan. 8 (Xinhua) -- China said on Tuesday.", "BEIJING, Jan. 8 (Xinhua) --", "China said on Tuesday."),
    ("NEW YORK — A man was rescued.", "NEW YORK —", "A man was rescued."),
    ("SPRINGFIELD, Ill. - Schools closed early.", "SPRINGFIELD, Ill. -", "Schools closed early."),
    ("RIVERTON, Wyo. _ Ranchers met Friday.", "RIVERTON, Wyo. _", "Ranchers met Friday."),
    ("(CNN) Officials said the road is closed.", "(CNN)", "Officials said the road is closed."),
    ("Portland, Oregon (CNN) -- Rain fell all day.", "Portland, Oregon (CNN) --", "Rain fell all day."),
    ("Denver ( ap ) — snow fell overnight.", "Denver ( ap ) —", "snow fell overnight."),
    ("LAKEVIEW (KXYZ) — Crews worked overnight.", "LAKEVIEW (KXYZ) —", "Crews worked overnight."),
]


@pytest.mark.parametrize("text,prefix,rest", DATELINES)
def test_dateline_prefix_removed(text, prefix, rest):
    body = text + " " + "Witnesses described the scene to reporters at length."
    out, dropped = clean_text(body)
    assert out == rest + " Witnesses described the scene to reporters at length."
    assert dropped == [Dropped("", prefix, "dateline")]


@pytest.mark.parametrize(
    "text",
    [
        "Apple Inc (AAPL) said on Monday that sales rose.",
        "NASA said the launch would be delayed.",
        "US-China talks resumed on Monday.",
        "FBI agents searched the house on Monday.",
        "Kim Jong Un (left) - shown here in 2018 - met Xi.",
    ],
)
def test_not_a_dateline(text):
    out, dropped = clean_text(text)
    assert out == text and dropped == []


def test_dateline_only_at_start():
    text = "The council met on Monday.\nSecond paragraph.\nLONDON (AP) _ Later the vote was held."
    out, dropped = clean_text(text)
    assert out == text and not dropped


def test_agency_dateline_after_in_text_headline():
    text = "Bridge reopens after long repairs\nPORTVILLE (AP) — The bridge reopened on Friday."
    out, dropped = clean_text(text)
    assert out == "Bridge reopens after long repairs\nThe bridge reopened on Friday."
    assert [d.rule for d in dropped] == ["dateline"]


# ----------------------------------------------------------------------------- inside lines


def test_inline_credit_and_embed_cut_but_line_kept():
    text = (
        "The mayor cut the ribbon (Photo: Jane Rivera) as the crowd cheered.\n"
        "Crews are clearing the road now, stay away please pic.twitter.com/AbC123xyz "
        "— County Police (@CountyPD) May 10, 2019"
    )
    out, dropped = clean_text(text)
    assert out == (
        "The mayor cut the ribbon as the crowd cheered.\n"
        "Crews are clearing the road now, stay away please"
    )
    assert sorted(d.rule for d in dropped) == ["credit", "embed", "embed"]


def test_share_buttons_glued_to_caption_like_line():
    out, dropped = clean_text("Facebook Twitter Pinterest The new ferry arrives at the dock on its first trip.")
    assert out == "The new ferry arrives at the dock on its first trip."
    assert dropped[0].rule == "share-ui"


def test_wire_markup_removed():
    text = (
        "<P> LAKEVIEW _ The dam held through the night, engineers said. </P> "
        "<P> Residents returned home on Sunday. &QL; </P> "
        "<ANNOTATION> editors note here </ANNOTATION> <P> Water levels fell. (abc-de) </P>"
    )
    out, dropped = clean_text(text)
    assert out == (
        "The dam held through the night, engineers said.\n\n"
        "Residents returned home on Sunday.\n\n"
        "Water levels fell."
    )
    rules = sorted((d.rule, d.text) for d in dropped)
    assert rules == [
        ("dateline", "LAKEVIEW _"),
        ("markup", "&QL;"),
        ("markup", "(abc-de)"),
        ("markup", "editors note here"),
    ]


def test_html_entities_unescaped():
    out, _ = clean_text("Smith &amp; Sons said profits rose &quot;sharply&quot; this year.")
    assert out == 'Smith & Sons said profits rose "sharply" this year.'


def test_long_single_line_article_is_never_dropped_by_line_rules():
    # an article on one line (as in DUC) starting like a teaser or a share widget
    body = "Share prices fell sharply on Monday as " + "investors sold bank stocks " * 20 + "."
    out, dropped = clean_text(body)
    assert out == body and dropped == []


def test_blank_line_structure_preserved():
    text = "First paragraph here.\n\n\nAdvertisement\n\nSecond paragraph here."
    out, dropped = clean_text(text)
    assert out == "First paragraph here.\n\nSecond paragraph here."
    assert [d.rule for d in dropped] == ["advertisement"]


# ----------------------------------------------------------------------------- clusters


def _long(n: int, word: str = "word") -> str:
    return " ".join(f"{word}{i}" for i in range(n)) + "."


def test_clean_cluster_drops_short_articles():
    cluster = Cluster(
        id="c1",
        articles=[
            Article("keep", "Leave a Reply\n" + _long(25)),
            Article("short", "Share this:\n" + _long(5)),
            Article("crawl", "Starting in 2001, a crawler has been donating crawl data to the "
                             "Internet Archive; these data are added to the Wayback Machine."),
        ],
        references=[Reference("A", "ref text")],
        meta={"topic": "x"},
    )
    cleaned, dropped = clean_cluster(cluster)
    assert [a.id for a in cleaned.articles] == ["keep"]
    assert cleaned.id == "c1" and cleaned.references == cluster.references
    assert cleaned.meta == {"topic": "x"}
    shorts = [d for d in dropped if d.rule == "short-article"]
    assert [(d.article_id, d.text) for d in shorts] == [("short", _long(5)), ("crawl", "")]
    assert {d.rule for d in dropped} == {"comment-ui", "share-ui", "crawler-note", "short-article"}
    # the input is not modified
    assert cluster.articles[0].text.startswith("Leave a Reply")


def test_min_article_words_config():
    cluster = Cluster("c", [Article("a", _long(10))])
    kept, _ = clean_cluster(cluster, CleanConfig(min_article_words=5))
    assert len(kept.articles) == 1
    kept, dropped = clean_cluster(cluster, CleanConfig(min_article_words=50))
    assert kept.articles == [] and dropped[0].rule == "short-article"


def test_disabled_returns_input_unchanged():
    config = CleanConfig(enabled=False)
    article = Article("a", "Share this:\nshort")
    assert clean_article(article, config) == (article, [])
    cluster = Cluster("c", [article])
    out, dropped = clean_cluster(cluster, config)
    assert out is cluster and dropped == []


def test_max_caption_words():
    caption = "Firefighters spray water on the warehouse roof on Monday. (Kim Lee/Getty Images)"
    assert line_rule(caption) == "caption"
    assert line_rule(caption, CleanConfig(max_caption_words=5)) is None


# ----------------------------------------------------------------------------- properties

_sentence = st.lists(
    st.text(alphabet="abcdefghij", min_size=1, max_size=8), min_size=1, max_size=12
).map(lambda ws: " ".join(ws) + ".")
_text = st.lists(st.one_of(_sentence, st.just("")), max_size=10).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(_text)
def test_cleaning_only_removes_words(text):
    out, dropped = clean_text(text)
    remaining = list(text.split())
    for word in out.split():
        assert word in remaining
        remaining.remove(word)
    assert clean_text(out)[0] == out


# ----------------------------------------------------------------------------- shared data

def _shared() -> Path:
    return require_shared()


@pytest.mark.shared
def test_shared_seed_cluster_boilerplate_removed():
    from summarizer.ingest import read_path

    (cluster,) = read_path(_shared() / "seed-cluster")
    cleaned, dropped = clean_cluster(cluster)
    assert len(cleaned.articles) == 5
    rules = {d.rule for d in dropped}
    assert {"share-ui", "teaser", "comment-ui", "caption"} <= rules
    for article in cleaned.articles:
        for line in filter(None, article.text.split("\n")):
            assert line_rule(line) is None
            assert not line.startswith(("More news:", "Leave a Reply", "Adjust Comment"))
    before = sum(len(a.text.split()) for a in cluster.articles)
    after = sum(len(a.text.split()) for a in cleaned.articles)
    assert 0.85 * before < after < before


@pytest.mark.shared
def test_shared_multinews_crawler_notes_dropped():
    from summarizer.ingest import read_path

    clusters = read_path(_shared() / "multinews-dev" / "dev.jsonl")
    notes = 0
    for cluster in clusters:
        cleaned, dropped = clean_cluster(cluster)
        notes += sum(d.rule == "crawler-note" for d in dropped)
        for article in cleaned.articles:
            assert "Wayback Machine" not in article.text
            assert len(article.text.split()) >= CleanConfig().min_article_words
    assert notes > 0


@pytest.mark.shared
def test_shared_duc_keeps_most_text():
    from summarizer.ingest import read_path

    clusters = read_path(_shared() / "duc2003" / "clusters.jsonl")
    before = after = 0
    for cluster in clusters:
        cleaned, dropped = clean_cluster(cluster)
        assert cleaned.articles
        before += sum(
            len([w for w in a.text.split() if not re.fullmatch(r"</?[A-Z]+>|&[A-Z]+;", w)])
            for a in cluster.articles
        )
        after += sum(len(a.text.split()) for a in cleaned.articles)
        for article in cleaned.articles:
            assert "<P>" not in article.text and "&UR;" not in article.text
    assert after > 0.97 * before


# ----------------------------------------------------------------------------- web-page furniture
# Lines of the kinds a plain-text dump of a news page carries (written for these tests).

WEB_FURNITURE = [
    ("Questions? Write to the desk at desk@example.org or call the newsroom.", "contact"),
    ("Send your tips to our reporters Ann Lee at ann@example.net and Bo Park at bo@example.net.",
     "contact"),
    ("© 2011-2024 Example Media Group Ltd, Springfield. All rights reserved.", "copyright"),
    ("Content on this site: Copyright © 2019 The Example Herald and its partners.", "copyright"),
    ("This document is subject to copyright and is provided for information purposes only.",
     "copyright"),
    ("Get the newsletter that the whole valley reads", "newsletter"),
    ("Our free weekly newsletter brings the best stories to your inbox.", "newsletter"),
    ("To learn more or to opt out, please read our Privacy Notice.", "consent"),
    ("By using our site, you acknowledge that you have read our Privacy Policy", "consent"),
    ("Nous utilisons des cookies pour améliorer votre expérience sur notre site.", "consent"),
    ("We ask you to keep your comments on topic and respectful of other readers.", "comment-policy"),
    ("You can read our Community Guidelines in full here.", "comment-policy"),
    ("Your feedback goes straight to our editors.", "form"),
    ("Post was not sent - check your email address!", "form"),
    ("Save my name and email in this browser for the next time I comment.", "form"),
    ("Get the new Example Daily mobile app today!", "app-promo"),
    ("News App: Google Play", "app-promo"),
    ("Breaking stories sent straight to your phone.", "app-promo"),
    ("EXAMPLE.COM has chosen English as your language setting.", "site-ui"),
    ("You have permission to edit this article.", "site-ui"),
    ("Proudly powered by ExamplePress", "site-ui"),
    ("POSTED: June 3, 2022 at 9:14 a.m. | UPDATED: June 3, 2022 at 11:02 a.m.", "date"),
    ("June 3, 2022 | 9:14 amJune 3, 2022 | 9:14 am", "date"),
    ("Storm damage bill for the coast rises past the...", "teaser"),
    ("Residents of the valley say the new bridge is …", "teaser"),
    ("Аdvеrtіѕе with us: уоur brand in front of readers", "mixed-script"),
    ("HomeNewsSportsWeatherOpinion", "nav"),
]


@pytest.mark.parametrize("line,rule", WEB_FURNITURE)
def test_web_furniture_is_dropped(line, rule):
    assert line_rule(line) == rule


NEWS_LIKE_FURNITURE = [
    # legal, privacy and cookie vocabulary in reports, not notices
    "The court said the case turned on copyright law and on how much of the song was copied.",
    "A copyright dispute between the two studios was settled out of court on Friday.",
    "The bakery sold more than 2,000 cookies at the fair, its owner said on Sunday.",
    "Regulators said the company's privacy policy had misled millions of users for years.",
    "The new privacy rules take effect in May, the ministry said, and firms may opt out of one clause until 2026 if they apply.",
    "Readers of the newsletter, which is 40 years old, were told of the closure in March.",
    "The app was downloaded two million times in its first week, the company said.",
    "Comments by the minister about the strike were called offensive by union leaders.",
    "Police said the community guidelines were posted at the entrance of the park.",
    "The mayor was published in the city's first newspaper on June 3, 1921.",
    "Officials said the storm was not expected to reach the coast... until Monday.",
    '"We will see what happens..." he said.',
    "Her email to the council, sent on Monday, asked for a delay of the vote.",
    "The iPhone and the MacBook sold well in China, the company said on Thursday.",
]


@pytest.mark.parametrize("line", NEWS_LIKE_FURNITURE)
def test_news_sentence_with_furniture_words_is_kept(line):
    assert line_rule(line) is None
    text, dropped = clean_text(line)
    assert text == line and dropped == []


def test_consent_needs_two_marks_in_a_long_paragraph():
    long_notice = ("We use cookies and similar tracking technologies to improve your browsing "
                   "experience, show personalised content and measure traffic to the site. "
                   + "Partners may also process data for these purposes. " * 4
                   + "To find out more or to opt out, read our Cookie Policy.")
    assert len(long_notice.split()) > 60
    assert line_rule(long_notice) == "consent"
    story = ("The regulator said on Tuesday that the company had changed its privacy policy "
             "twice in one year without telling users, and that it would open an inquiry "
             "into how the data of children had been shared with advertisers in at least "
             "four countries, including two outside Europe, officials said.")
    assert line_rule(story) is None


def test_line_above_a_photo_credit_is_a_caption():
    text = ("The ferry left the harbor at dawn with 300 passengers on board, officials said.\n\n"
            "The new ferry at the dock before its first trip.\n\n"
            "Photograph by Jane Rivera, Example Ferries\n\n"
            "The crossing took four hours, one hour less than the old ferry needed.")
    out, dropped = clean_text(text)
    assert "The new ferry at the dock" not in out
    assert ("caption", "The new ferry at the dock before its first trip.") in [
        (d.rule, d.text) for d in dropped]
    assert "The ferry left the harbor" in out and "The crossing took four hours" in out


def test_labelled_caption_below_does_not_make_a_caption_above():
    text = ("The ferry left the harbor at dawn with 300 passengers on board, officials said.\n"
            "Image: Passengers on the deck of the new ferry.")
    out, _ = clean_text(text)
    assert out.startswith("The ferry left the harbor at dawn")


_STORY_LINES = [
    "The city council voted on Tuesday to close the old harbor bridge for repairs next spring.",
    "Engineers found cracks in two of the bridge's steel beams during an inspection in May.",
    "Drivers will use a detour through the industrial district while the bridge is closed.",
]


def test_run_of_other_headlines_is_a_link_list():
    other = ["Local team wins the regional chess final", "Farmers market opens on Saturday",
             "Five new restaurants to try this winter", "School board elects a new chair"]
    out, dropped = clean_text("\n\n".join(_STORY_LINES + other))
    assert out == "\n\n".join(_STORY_LINES)
    assert [d.text for d in dropped if d.rule == "link-list"] == other


def test_story_highlights_and_wrapped_prose_are_not_link_lists():
    highlights = ["Council votes to close the harbor bridge for repairs",
                  "Engineers found cracks in two steel beams",
                  "Drivers will use a detour through the industrial district",
                  "Bridge repairs begin next spring"]
    text = "\n".join(highlights + _STORY_LINES)
    assert clean_text(text)[0] == text
    wrapped = ["The council voted on Tuesday to close the old",
               "harbor bridge for repairs next spring after engineers",
               "found cracks in two of its steel beams during an",
               "inspection in May, the mayor told reporters."]
    assert clean_text("\n".join(wrapped))[0] == "\n".join(wrapped)


def test_title_with_site_suffix_is_dropped_from_the_text():
    text = "Harbor bridge to close for repairs\n" + "\n".join(_STORY_LINES)
    out, dropped = clean_text(text, title="Harbor bridge to close for repairs - Example News")
    assert out == "\n".join(_STORY_LINES)
    assert ("title", "Harbor bridge to close for repairs") in [(d.rule, d.text) for d in dropped]


def test_article_cleaned_to_nothing_is_named_in_a_warning(caplog):
    furniture = Article("menu.txt", source="pages/menu.txt", text="\n".join(
        ["Share", "Facebook", "Twitter", "Advertisement", "Get the newsletter that the whole valley reads",
         "© 2024 Example Media Group. All rights reserved."]))
    story = Article("story.txt", text="\n".join(_STORY_LINES))
    with caplog.at_level("INFO", logger="summarizer"):
        alone, _ = clean_cluster(Cluster("page", [furniture]))
    assert alone.articles == []
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "pages/menu.txt" in warnings[0] and "dropped" in warnings[0]
    caplog.clear()
    # beside other articles it is reported at INFO level (-v) and in `dropped`: large
    # clusters routinely carry empty and crawler-note articles
    with caplog.at_level("INFO", logger="summarizer"):
        cleaned, dropped = clean_cluster(Cluster("c", [furniture, story]))
    assert [a.id for a in cleaned.articles] == ["story.txt"]
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert "pages/menu.txt" in caplog.records[0].getMessage()
    assert any(d.rule == "short-article" and d.article_id == "menu.txt" for d in dropped)


def test_html_without_main_text_warns_with_its_name(caplog, monkeypatch):
    import trafilatura

    from summarizer.ingest.formats import parse_html

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)  # finds no main text
    page = "<html><body><p>Harbor bridge closed for repairs</p></body></html>"
    with caplog.at_level("WARNING", logger="summarizer"):
        article = parse_html(page, "page.html", source="site/page.html")
    assert "Harbor bridge closed for repairs" in article.text  # the tag strip's text
    messages = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(messages) == 1 and messages[0].startswith("site/page.html: no main text")
