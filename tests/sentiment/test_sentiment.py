"""The sentiment badge: VADER scores an article once, on publish; readers see the stored verdict."""

from __future__ import annotations

import io
from importlib.metadata import version

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from articles.text import article_text
from demo.specs import ARTICLES, LEAD_ARTICLE
from plugins.manager import PluginHost, set_host
from plugins.types import SentimentLabel
from sentiment import vader as vader_plugin
from sentiment.management.commands.score_sentiment import Command as ScoreSentiment
from sentiment.scoring import score_article
from sentiment.vader import Tally, analyze, split_sentences
from tests.conftest import publish

VADER = f"vader {version('vaderSentiment')}"

POSITIVE = (
    "The new library opened on Saturday and it is wonderful. The reading rooms are bright "
    "and quiet, and the staff could not have been kinder. Children loved the story corner. "
    "It is a generous, welcoming place, and the town is lucky to have it."
)
NEGATIVE = (
    "The council's new parking scheme is a mess. Residents are angry, fines have doubled "
    "and nobody can find a space. The consultation was a sham, and the results are worse "
    "than anyone feared. It is hard to see how this failure was allowed to happen."
)
NEUTRAL = (
    "The meeting starts at seven in the evening in the town hall. The agenda lists three "
    "items: the budget, the bus timetable and the new bins. Minutes from the last meeting "
    "are available at the front desk. Parking is on Station Road."
)
MIXED = (
    "The festival's music was superb and the crowd was happy and friendly. The food stalls "
    "were excellent too. But the queues were awful, the toilets were filthy and the exits "
    "were dangerously crowded. Staff were rude when people complained. It was a wonderful "
    "day spoiled by terrible organisation."
)
# A factual notice with one kind word: one sentence in six has an opinion.
FACTUAL_WITH_A_KIND_WORD = (
    "The bridge closes on Monday for repairs. Buses will run every twenty minutes. "
    "The diversion adds about a mile. Cyclists can use the footpath. The work takes three "
    "weeks. Thanks to everyone for their patience."
)
# Warm throughout, with one complaint that weighs little against the rest.
POSITIVE_WITH_ONE_COMPLAINT = (
    "The choir's spring concert was a joy from start to finish. The soloists were superb "
    "and the harmonies were beautiful. The audience loved every song. The only "
    "disappointment was the cold hall. "
    "The conductor was warm, funny and generous with praise. It was a wonderful evening."
)


def text_body(*paragraphs: str) -> list[tuple[str, str]]:
    return [("text", "\n\n".join(paragraphs))]


def reference_article() -> ArticlePage:
    """The demo's lead article, the reference page's "7 Ways Social Media…", unsaved."""
    spec = next(spec for spec in ARTICLES if spec.slug == LEAD_ARTICLE)
    body = [(block["type"], block["value"]) for block in spec.body]
    return ArticlePage(title=spec.title, lede=spec.lede, body=body)


@pytest.fixture
def host():
    """A host with exactly the installed first-party sentiment plugin."""
    host = PluginHost(points=[])
    host.add("sentiment_vader", vader_plugin)
    set_host(host)
    yield host
    set_host(None)


@pytest.fixture
def broken_vader(monkeypatch):
    """VADER fails on any text from now on."""

    def explode(text: str) -> Tally:
        raise RuntimeError("the lexicon is gone")

    monkeypatch.setattr(vader_plugin, "tally", explode)


def badge_html(client, article: ArticlePage) -> str:
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.find('<ul class="badges"')
    return html[start : html.index("</ul>", start)] if start >= 0 else ""


# --- Sentences ------------------------------------------------------------------------


def test_sentences_end_at_stops_quotes_and_line_breaks():
    text = (
        "It works. Does it? Yes! “Quoted.” Then this… and that.\n"
        "A heading\nMr. Smith, e.g. a neighbour, agreed. (In brackets.) Done"
    )
    assert split_sentences(text) == [
        "It works.",
        "Does it?",
        "Yes!",
        "“Quoted.”",
        "Then this… and that.",
        "A heading",
        "Mr. Smith, e.g. a neighbour, agreed.",
        "(In brackets.)",
        "Done",
    ]


def test_empty_text_has_no_sentences_and_is_neutral():
    assert split_sentences("  \n ") == []
    assert analyze("").label == SentimentLabel.NEUTRAL
    assert analyze("").score == 0.0


def test_article_text_keeps_headings_and_paragraphs_apart():
    article = ArticlePage(
        title="A title",
        lede="The lede.",
        body=[
            ("text", "## A heading\n\nA *first* paragraph.\n\n- one item\n- another item"),
            ("pull_quote", {"quote": "A quote.", "attribution": "Someone"}),
        ],
    )
    assert article_text(article).splitlines() == [
        "A title",
        "The lede.",
        "A heading",
        "A first paragraph.",
        "one item",
        "another item",
        "A quote.",
    ]


# --- Labels on real sentences ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (POSITIVE, SentimentLabel.POSITIVE),
        (NEGATIVE, SentimentLabel.NEGATIVE),
        (NEUTRAL, SentimentLabel.NEUTRAL),
        (MIXED, SentimentLabel.MIXED),
        (FACTUAL_WITH_A_KIND_WORD, SentimentLabel.NEUTRAL),
        (POSITIVE_WITH_ONE_COMPLAINT, SentimentLabel.POSITIVE),
    ],
)
def test_labels_of_real_paragraphs(text, label):
    assert analyze(text).label == label


def test_scores_lean_the_way_the_paragraphs_do():
    assert analyze(POSITIVE).score > 0.4
    assert analyze(NEGATIVE).score < -0.4
    assert analyze(NEUTRAL).score == 0.0
    assert abs(analyze(MIXED).score) < 0.1  # as much good as bad


def test_the_reference_article_is_neutral_good_and_bad():
    sentiment = analyze(article_text(reference_article()))
    assert sentiment.label == SentimentLabel.MIXED
    assert sentiment.label.text == "Neutral – good and bad"
    assert sentiment.score > 0  # it leans positive, but argues both ways


def test_the_demo_publication_badges_its_lead_article_as_the_reference_page_does(client, db):
    call_command("load_demo", stdout=io.StringIO())
    lead = ArticlePage.objects.get(slug=LEAD_ARTICLE)
    assert lead.sentiment_label == SentimentLabel.MIXED
    assert lead.sentiment_analyzer == VADER
    assert "Neutral – good and bad" in badge_html(client, lead)


# --- Thresholds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentences", "positive", "negative", "label"),
    [
        # Fewer than a quarter of the sentences have an opinion: neutral.
        (9, [0.9, 0.9], [], SentimentLabel.NEUTRAL),
        (8, [0.9, 0.9], [], SentimentLabel.POSITIVE),
        # Barely either way, and not mixed: a mean of 0.03 leans nowhere.
        (4, [0.06] * 3, [-0.06], SentimentLabel.NEUTRAL),
        (4, [0.06] * 4, [], SentimentLabel.POSITIVE),
        (2, [0.6], [-0.52], SentimentLabel.MIXED),
        (4, [0.3, 0.3], [-0.29, -0.29], SentimentLabel.MIXED),
        # Three or more sentences against: a fifth of the weight makes it mixed...
        (10, [0.8] * 6, [-0.4] * 3, SentimentLabel.MIXED),  # 1.2 of 6.0 = 20%
        (10, [0.8] * 6, [-0.35] * 3, SentimentLabel.POSITIVE),  # 1.05 of 5.85 = 18%
        (10, [0.4] * 3, [-0.8] * 6, SentimentLabel.MIXED),
        (10, [0.35] * 3, [-0.8] * 6, SentimentLabel.NEGATIVE),
        # ...fewer need a third of it.
        (10, [0.5] * 6, [-0.6, -0.6], SentimentLabel.POSITIVE),  # 1.2 of 4.2 = 29%
        (10, [0.5] * 4, [-0.5, -0.5], SentimentLabel.MIXED),  # 1.0 of 3.0 = 33%
    ],
)
def test_thresholds(sentences, positive, negative, label):
    assert Tally(sentences, tuple(positive), tuple(negative)).label() == label


def test_score_is_the_mean_of_opinionated_sentences():
    assert Tally(10, (0.8, 0.4), (-0.3,)).score == pytest.approx(0.3)


# --- Publishing stores the verdict -----------------------------------------------------


def test_publishing_stores_score_label_and_analyzer(article_factory):
    article = article_factory("Library opens", body=text_body(POSITIVE))
    assert article.sentiment_label == SentimentLabel.POSITIVE
    assert article.sentiment_score == pytest.approx(analyze(article_text(article)).score)
    assert article.sentiment_analyzer == VADER
    assert article.sentiment_scored_at is not None
    # Stored on the row, not as an edit: publishing made the one revision it always does.
    assert article.revisions.count() == 1


def test_a_draft_is_not_scored(article_factory):
    draft = article_factory("Not yet", body=text_body(NEGATIVE), live=False)
    assert draft.sentiment_scored_at is None
    assert draft.sentiment_label == ""


def test_republishing_scores_the_new_text(article_factory):
    article = article_factory("Parking", body=text_body(POSITIVE))
    article.body = text_body(NEGATIVE)
    article = publish(article)
    assert article.sentiment_label == SentimentLabel.NEGATIVE


def test_an_analyzer_that_raises_does_not_stop_publishing(article_factory, broken_vader, caplog):
    article = article_factory("Still published", body=text_body(NEGATIVE))
    assert article.live
    assert article.sentiment_scored_at is None
    assert "Sentiment analyzer 'vader' failed" in caplog.text


def test_a_failed_rescore_keeps_the_previous_score(article_factory, monkeypatch):
    article = article_factory("Kept", body=text_body(POSITIVE))
    scored = (article.sentiment_score, article.sentiment_label, article.sentiment_scored_at)
    monkeypatch.setattr(vader_plugin, "tally", lambda text: 1 / 0)
    article.body = text_body(NEGATIVE)
    article = publish(article)
    assert article.live_revision == article.latest_revision
    assert (article.sentiment_score, article.sentiment_label, article.sentiment_scored_at) == scored


def test_no_analyzer_installed_leaves_the_fields_empty(article_factory):
    set_host(PluginHost(points=[]))
    try:
        article = article_factory("Unscored", body=text_body(POSITIVE))
        assert score_article(article) is False
    finally:
        set_host(None)
    assert article.sentiment_score is None
    assert article.sentiment_label == ""
    assert article.sentiment_analyzer == ""


def test_the_site_names_its_analyzer(article_factory, settings, host):
    settings.MASTHEAD = {**settings.MASTHEAD, "SENTIMENT_ANALYZER": "somebody-else"}
    article = article_factory("Not vader", body=text_body(POSITIVE))
    assert article.sentiment_scored_at is None
    settings.MASTHEAD = {**settings.MASTHEAD, "SENTIMENT_ANALYZER": "vader"}
    set_host(host)  # changing MASTHEAD forgets the host
    assert score_article(article) is True
    assert article.sentiment_analyzer == VADER


# --- Readers see the stored verdict --------------------------------------------------


def test_reading_never_runs_the_analyzer(client, article_factory, broken_vader):
    article = article_factory("Mixed day", body=text_body(MIXED))
    ArticlePage.objects.filter(pk=article.pk).update(
        sentiment_label=SentimentLabel.MIXED, sentiment_analyzer=VADER
    )
    html = badge_html(client, article)
    assert 'class="badge badge--neutral"' in html
    assert "Neutral – good and bad" in html
    assert f'title="Tone of this article, scored by {VADER}"' in html


def test_the_badge_shows_the_stored_label(client, article_factory):
    article = article_factory("Parking chaos", body=text_body(NEGATIVE))
    html = badge_html(client, article)
    assert 'class="badge badge--negative"' in html
    assert ">Negative<" in html


def test_a_mixed_article_says_neutral_good_and_bad(client, article_factory):
    article = article_factory("Festival", body=text_body(MIXED))
    assert article.sentiment_label == SentimentLabel.MIXED
    assert "Neutral – good and bad" in badge_html(client, article)


def test_the_editor_overrides_the_label(client, article_factory):
    article = article_factory("Overridden", body=text_body(NEGATIVE))
    article.sentiment_label_override = SentimentLabel.POSITIVE
    article = publish(article)
    assert article.sentiment_label == SentimentLabel.NEGATIVE  # the analyzer's, kept
    html = badge_html(client, article)
    assert ">Positive<" in html and "Negative" not in html
    assert "as its editors judge it" in html


def test_the_editor_hides_the_badge(client, article_factory):
    article = article_factory("Hidden", body=text_body(NEGATIVE), show_sentiment_badge=False)
    assert article.sentiment_label == SentimentLabel.NEGATIVE
    assert badge_html(client, article) == ""


def test_an_unscored_article_has_no_badge(client, article_factory, broken_vader):
    article = article_factory("Never scored", body=text_body(POSITIVE))
    assert badge_html(client, article) == ""


def test_the_badge_tag_costs_no_queries(article_factory, rf):
    article = article_factory("Cheap", body=text_body(POSITIVE))
    template = Template("{% load badge_tags %}{% article_badges article %}")
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"article": article, "request": rf.get("/")}))
    assert ">Positive<" in html
    assert len(queries) == 0


# --- Editors see it in the admin --------------------------------------------------------


def test_the_admin_edit_view_shows_the_verdict(admin_client, article_factory):
    article = article_factory("Library", body=text_body(MIXED))
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sentiment badge" in html
    assert "Neutral – good and bad" in html
    assert str(article.sentiment_score) in html
    assert VADER in html
    assert 'name="sentiment_label_override"' in html
    assert 'name="show_sentiment_badge"' in html
    assert 'name="sentiment_score"' not in html  # shown, never edited


def test_the_admin_form_starts_from_the_scored_revision(article_factory, monkeypatch):
    # The edit view builds its form from the latest revision, not the row: that
    # revision must carry the verdict, or the next publish would erase it.
    article = article_factory("Library", body=text_body(POSITIVE))
    latest = article.get_latest_revision_as_object()
    assert latest.sentiment_label == SentimentLabel.POSITIVE
    assert latest.sentiment_analyzer == VADER
    monkeypatch.setattr(vader_plugin, "tally", lambda text: 1 / 0)
    latest.sentiment_label_override = SentimentLabel.MIXED
    article = publish(latest)
    assert article.sentiment_label == SentimentLabel.POSITIVE
    assert article.sentiment_label_override == SentimentLabel.MIXED


# --- The management command -------------------------------------------------------------


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("score_sentiment", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_rescores_every_live_article(article_factory):
    happy = article_factory("Happy", body=text_body(POSITIVE))
    sad = article_factory("Sad", body=text_body(NEGATIVE))
    article_factory("Draft", body=text_body(NEGATIVE), live=False)
    ArticlePage.objects.filter(pk=happy.pk).update(sentiment_label="", sentiment_score=None)
    out, err = run()
    assert f"Scored 2, skipped 0, failed 0 (analyzer {VADER})." in out
    assert "2/2 articles (100%)" in err  # not a terminal: a line per tenth
    happy.refresh_from_db()
    sad.refresh_from_db()
    assert happy.sentiment_label == SentimentLabel.POSITIVE
    assert sad.sentiment_label == SentimentLabel.NEGATIVE
    assert happy.revisions.count() == 1  # nothing republished


def test_stale_rescores_only_other_analyzers_and_unscored(article_factory):
    current = article_factory("Current", body=text_body(POSITIVE))
    old = article_factory("Old", body=text_body(POSITIVE))
    never = article_factory("Never", body=text_body(POSITIVE))
    ArticlePage.objects.filter(pk=old.pk).update(sentiment_analyzer="vader 3.3.1")
    ArticlePage.objects.filter(pk=never.pk).update(sentiment_scored_at=None)
    scored_at = current.sentiment_scored_at
    out, _ = run("--stale")
    assert "Scored 2, skipped 1, failed 0" in out
    current.refresh_from_db()
    old.refresh_from_db()
    assert current.sentiment_scored_at == scored_at
    assert old.sentiment_analyzer == VADER


def test_the_command_reports_failures(article_factory, monkeypatch):
    article_factory("One", body=text_body(POSITIVE))
    monkeypatch.setattr(vader_plugin, "tally", lambda text: 1 / 0)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 article"):
        call_command("score_sentiment", stdout=out, stderr=io.StringIO())
    assert "Scored 0, skipped 0, failed 1" in out.getvalue()


def test_the_command_needs_an_analyzer(db):
    set_host(PluginHost(points=[]))
    try:
        with pytest.raises(CommandError, match="No sentiment analyzer is installed"):
            run()
    finally:
        set_host(None)


def test_the_command_draws_a_bar_on_a_terminal(article_factory):
    article_factory("One", body=text_body(POSITIVE))

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    call_command("score_sentiment", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == "\r[" + "#" * 30 + "] 1/1 100%\n"


def test_the_help_is_written_for_operators():
    parser = ScoreSentiment().create_parser("manage.py", "score_sentiment")
    text = parser.format_help()
    assert "--stale" in text and "--all" in text
    assert "no revision is created" in text
    assert "exits\nwith status 1" in text
