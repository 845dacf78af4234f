"""The comment form, fuzzed: what a signed-in reader or a visitor posts, and the signed
hidden fields tampered with.

Every answer is a clean one (no 5xx, no markup from the input), redirects stay on
the site, and a comment that was stored and published shows on the article,
escaped. A visitor's comment is followed through its mailed confirmation link.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django_comments_xtd.models import XtdComment
from hypothesis import given, settings
from hypothesis import strategies as st

from discussion.models import DiscussionSettings

from ..discussion.comment_helpers import add_comment, comment_form
from ..discussion.conftest import make_reader
from .support import assert_escaped, examples, hostile_text, markup_from_input, one_example

pytestmark = pytest.mark.django_db

SIGNED_FIELDS = ("content_type", "object_pk", "timestamp", "security_hash", "reply_to", "next")
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/comments/confirm/[^\s]+)")

web_address = st.one_of(
    st.just(""),
    hostile_text,
    hostile_text.map(lambda text: f"https://example.org/{text}"),
    st.sampled_from(["javascript:x_fuzz(1)", 'http://x-fuzz.example/"><x-fuzz-url>']),
)
email_address = st.one_of(
    st.just("val@example.org"),
    st.emails(),
    hostile_text.map(lambda text: f"{text}@example.org"),
)
followup = st.one_of(st.sampled_from(["on", "1", "", "false"]), hostile_text)
# Mostly the form as signed; else one signed hidden field changed to anything, or
# left out (None).
tampering = st.one_of(
    st.none(),
    st.none(),
    st.tuples(st.sampled_from(SIGNED_FIELDS), st.one_of(st.none(), hostile_text)),
)


@pytest.fixture
def discussion(article_factory):
    """An article open to comments, with one comment to reply to."""
    article = article_factory("Fuzzed discussion", slug="fuzzed-discussion")
    return article, add_comment(article, "The first word")


def _signed_form(client, article) -> dict:
    form = comment_form(client, article)
    form.pop("csrfmiddlewaretoken", None)
    return form


def _tampered(data: dict, tamper) -> dict:
    if tamper is not None:
        name, value = tamper
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _assert_stays_on_the_site(response, what: str) -> None:
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"])
        assert target.netloc in ("", "testserver"), f"{what} redirected off the site: {target}"
        assert target.scheme in ("", "http", "https"), f"{what} redirected to {target}"


def _post(client, data: dict, what: str):
    """Post the comment form; check the answer and wherever it redirects to."""
    response = client.post("/comments/post/", data)
    assert_escaped(response, f"{what}: POST /comments/post/")
    _assert_stays_on_the_site(response, what)
    if response.status_code == 302:
        assert_escaped(client.get(response["Location"]), f"{what}: {response['Location']}")
    return response


def _assert_article_shows(client, article, comments, what: str) -> int:
    """The article answers 200, escaped, and shows each published comment; how many."""
    response = client.get(article.url)
    assert response.status_code == 200, f"{what}: the article answered {response.status_code}"
    html = assert_escaped(response, f"{what}: the article")
    shown = [comment for comment in comments if comment.is_public and not comment.is_removed]
    for comment in shown:
        assert f'id="c{comment.pk}"' in html, f"{what}: comment {comment.pk} is not shown"
    return len(shown)


def test_a_signed_in_readers_comment_is_clean_whatever_it_says(discussion):
    article, parent = discussion
    client = Client()
    client.force_login(make_reader("ada", "ada@example.org", first_name="Ada"))
    form = _signed_form(client, article)

    @settings(max_examples=examples(25))
    @given(
        fields=st.fixed_dictionaries(
            {"comment": hostile_text},
            optional={
                "name": hostile_text,
                "email": email_address,
                "url": web_address,
                "followup": followup,
                "reply_to": st.sampled_from(["0", str(parent.pk)]),
                "honeypot": st.one_of(st.just(""), hostile_text),
            },
        ),
        tamper=tampering,
    )
    def check(fields, tamper):
        with one_example():
            before = set(XtdComment.objects.values_list("pk", flat=True))
            data = _tampered({**form, **fields}, tamper)
            what = f"a reader posting {data!r}"
            _post(client, data, what)
            stored = list(XtdComment.objects.exclude(pk__in=before))
            published.append(_assert_article_shows(client, article, stored, what))

    published: list[int] = []
    check()
    # The examples reach the article's comments, not only the form's refusals.
    assert sum(published) >= 3, f"only {sum(published)} examples published a comment"


def _confirmation_paths(messages) -> list[str]:
    paths = []
    for message in messages:
        for _, html in getattr(message, "alternatives", ()):
            findings = markup_from_input(html)
            assert not findings, f"the confirmation mail's HTML shows {findings}"
        paths += CONFIRM_LINK.findall(message.body)
    return paths


def test_a_visitors_comment_is_clean_from_the_form_to_the_confirmation(site, discussion):
    article, parent = discussion
    discussion_settings = DiscussionSettings.for_site(site)
    discussion_settings.anonymous_comments = True
    discussion_settings.save()
    client = Client()
    form = _signed_form(client, article)

    @settings(max_examples=examples(15))
    @given(
        fields=st.fixed_dictionaries(
            {"comment": hostile_text, "name": hostile_text, "email": email_address},
            optional={
                "url": web_address,
                "followup": followup,
                "reply_to": st.sampled_from(["0", str(parent.pk)]),
            },
        ),
        tamper=tampering,
    )
    def check(fields, tamper):
        with one_example():
            before = set(XtdComment.objects.values_list("pk", flat=True))
            data = _tampered({**form, **fields}, tamper)
            what = f"a visitor posting {data!r}"
            _post(client, data, what)
            for path in _confirmation_paths(mail.outbox):
                assert_escaped(client.get(path), f"{what}: GET {path}")
                confirmed = client.post(path)
                assert_escaped(confirmed, f"{what}: POST {path}")
                _assert_stays_on_the_site(confirmed, what)
            stored = list(XtdComment.objects.exclude(pk__in=before))
            published.append(_assert_article_shows(client, article, stored, what))

    published: list[int] = []
    check()
    # Some visitors' comments went all the way: mailed link, confirmed, shown.
    assert sum(published) >= 2, f"only {sum(published)} examples published a comment"
