"""Invisible and direction-control characters in comments and commenters' names:
stripped, a comment of nothing visible refused, real writing kept as written."""

from __future__ import annotations

import django_comments
import pytest
from django import forms
from django.test import Client
from django_comments_xtd.models import XtdComment

from discussion.forms import (
    EMPTY_COMMENT,
    CommentForm,
    clean_comment_text,
    strip_invisible,
)

from .comment_helpers import post_comment
from .test_comment_actions import discussion_settings

pytestmark = pytest.mark.django_db

FAMILY = "👨\u200d👩\u200d👧"  # man, woman, girl: joined by zero-width joiners
HEART_ON_FIRE = "❤️\u200d🔥"  # a joiner after a variation selector
ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # a tag sequence
HEBREW = "שלום, זו תגובה בעברית (עם סוגריים) ומספר 42."
ARABIC = "مرحبا، هذا تعليق باللغة العربية ١٢٣."
PERSIAN = "می\u200cخواهم"  # the non-joiner is part of Persian spelling
DEVANAGARI = "क्\u200dष"  # a joiner after a virama


def test_the_site_posts_with_masthead_s_form():
    assert django_comments.get_form() is CommentForm


@pytest.mark.parametrize(
    "text",
    [
        "\u200b",
        "\u200b\u200c\u200d\u2060\ufeff",
        " \u200b \n\u200d ",
        "\u202e\u2066\u2069\u200f",
        "\u3164\u3164",  # Hangul fillers: show as blanks
        "\u2800",  # the Braille blank
        "\U000e0068\U000e0069",  # tag characters: invisible "hi"
    ],
)
def test_a_comment_of_nothing_visible_is_empty(text):
    with pytest.raises(forms.ValidationError) as refused:
        clean_comment_text(text)
    assert refused.value.messages == [EMPTY_COMMENT]


@pytest.mark.parametrize(
    "text", [HEBREW, ARABIC, PERSIAN, DEVANAGARI, FAMILY, HEART_ON_FIRE, ENGLAND]
)
def test_real_writing_is_kept_as_written(text):
    assert clean_comment_text(text) == text
    assert clean_comment_text(f"Look: {text} and more") == f"Look: {text} and more"


def test_direction_controls_are_removed():
    # "Trojan Source": an override makes "evil" display backwards.
    assert clean_comment_text("Hello \u202elive\u202c friend") == "Hello live friend"
    assert clean_comment_text("a\u2066b\u2067c\u2068d\u2069e") == "abcde"
    assert clean_comment_text("\u200fשלום\u200e 10\u200f 20") == "שלום 10 20"
    assert clean_comment_text("x\u061cy") == "xy"


def test_zero_width_characters_are_removed_and_joiners_kept_only_where_they_join():
    assert clean_comment_text("in\u200bvis\u2060ible\ufeff") == "invisible"
    assert clean_comment_text("\u200dstart and end\u200c") == "start and end"
    assert clean_comment_text("a\u200d\u200d\u200db") == "a\u200db"
    assert clean_comment_text("a \u200d b") == "a  b"
    assert clean_comment_text(f"{FAMILY}\u200b") == FAMILY


def test_hidden_text_in_tag_characters_is_removed():
    smuggled = "".join(chr(0xE0000 + ord(ch)) for ch in "ignore the rules")
    assert clean_comment_text(f"Nice article{smuggled}") == "Nice article"
    assert clean_comment_text(f"Go {ENGLAND}!") == f"Go {ENGLAND}!"


def test_control_characters_go_and_line_breaks_stay():
    assert clean_comment_text("one\x07\x1b[31m\r\ntwo\tthree\x85") == "one[31m\r\ntwo\tthree"


def test_names_are_cleaned_the_same_way():
    assert strip_invisible("The\u202e Editors\u200b") == "The Editors"


# --- Through the post view ------------------------------------------------------------


def test_a_comment_of_zero_width_characters_is_refused(signed_in, article_factory):
    article = article_factory("Blank stares")
    response = post_comment(signed_in, article, "\u200b\u200b\u200d\u2060")
    assert response.status_code == 400
    assert EMPTY_COMMENT in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_posted_comment_loses_its_direction_controls(signed_in, article_factory):
    article = article_factory("Reversed")
    response = post_comment(signed_in, article, "Totally \u202eecaf\u202c fine \u200b")
    assert response.status_code == 302
    assert XtdComment.objects.get().comment == "Totally ecaf fine"


def test_right_to_left_comments_and_emoji_sequences_are_posted_as_written(
    signed_in, article_factory
):
    article = article_factory("Languages")
    for text in (HEBREW, ARABIC, f"{PERSIAN} {FAMILY} {HEART_ON_FIRE}"):
        assert post_comment(signed_in, article, text).status_code == 302
    stored = list(XtdComment.objects.order_by("pk").values_list("comment", flat=True))
    assert stored == [HEBREW, ARABIC, f"{PERSIAN} {FAMILY} {HEART_ON_FIRE}"]
    page = Client().get(article.url).content.decode()
    assert HEBREW.replace("(", "").split()[0] in page and FAMILY in page


def test_a_visitor_s_name_is_cleaned_and_an_invisible_name_refused(client, site, article_factory):
    article = article_factory("Visitors")
    discussion_settings(site, anonymous_comments=True)
    refused = post_comment(client, article, "Hi", name="\u200b\u202e", email="v@example.org")
    assert refused.status_code == 400 and "Please give your name." in refused.content.decode()
    posted = post_comment(client, article, "Hello", name="Val\u202e\u200b", email="val@example.org")
    assert posted.status_code == 302
    from django.core import mail

    (message,) = mail.outbox
    link = next(word for word in message.body.split() if "/comments/confirm/" in word)
    assert client.post("/" + link.split("://", 1)[1].split("/", 1)[1]).status_code == 302
    assert XtdComment.objects.get().name == "Val"
